package nl.kic.analytics.cli;

import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import nl.kic.analytics.domain.staffing.QueueInputs;
import nl.kic.analytics.domain.staffing.Staffing;
import nl.kic.analytics.domain.staffing.StaffingOutput;
import nl.kic.analytics.domain.staffing.StaffingTarget;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "erlang", mixinStandardHelpOptions = true,
        description = "Erlang A (callers hang up after an exponential patience) and Erlang C beside it, for a number or range "
                + "of agents; or, with --for-reachability, --for-service-level or --for-asa-seconds, the smallest staff in "
                + "[1, 1000] that meets the target by Erlang A (docs/staffing.md).")
final class ErlangCommand implements Callable<Integer> {
    @Option(names = "--arrivals-per-hour", required = true, description = "Offered calls per hour.")
    double arrivalsPerHour;

    @Option(names = "--handle-seconds", required = true, description = "Mean handle time in seconds.")
    double handleSeconds;

    @Option(names = "--patience-seconds", required = true, description = "Mean patience of a waiting caller in seconds.")
    double patienceSeconds;

    @Option(names = "--target-seconds", required = true, description = "The service level's target wait T in seconds.")
    double targetSeconds;

    @Option(names = "--short-abandon-seconds", defaultValue = "5",
            description = "Abandonments with a shorter wait are left out of reachability and service level. Default: ${DEFAULT-VALUE}.")
    double shortAbandonSeconds;

    @Option(names = "--json", description = "One JSON array in ascending agent order instead of a table.")
    boolean json;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Question question;

    static final class Question {
        @Option(names = "--agents", paramLabel = "N or FROM-TO", description = "Agents, e.g. 13 or 12-14 (0 to 1000).")
        String agents;

        @Option(names = "--for-reachability", paramLabel = "SHARE", description = "Smallest staff with at least this reachability (0-1).")
        Double reachability;

        @Option(names = "--for-service-level", paramLabel = "SHARE", description = "Smallest staff with at least this service level (0-1).")
        Double serviceLevel;

        @Option(names = "--for-asa-seconds", paramLabel = "SECONDS", description = "Smallest staff with at most this mean wait of the answered.")
        Double asaSeconds;
    }

    @Override
    public Integer call() {
        QueueInputs inputs;
        try {
            inputs = new QueueInputs(arrivalsPerHour, handleSeconds, patienceSeconds, 1, targetSeconds, shortAbandonSeconds);
        } catch (QueueInputs.InvalidQueueInputs e) {
            System.err.println("erlang: " + e.getMessage() + ".");
            return 2;
        }
        if (question.agents != null) {
            int[] range = agentRange(question.agents);
            if (range == null) {
                System.err.println("erlang: --agents takes a number or FROM-TO with 0 <= FROM <= TO <= " + QueueInputs.MAX_AGENTS + ".");
                return 2;
            }
            print(Staffing.compare(inputs, range[0], range[1]));
            return 0;
        }
        StaffingTarget target = question.reachability != null ? new StaffingTarget.ReachabilityAtLeast(question.reachability)
                : question.serviceLevel != null ? new StaffingTarget.ServiceLevelAtLeast(question.serviceLevel)
                : new StaffingTarget.AsaAtMostSeconds(question.asaSeconds);
        OptionalInt agents = Staffing.smallestAgents(inputs, target, 1, QueueInputs.MAX_AGENTS);
        if (agents.isEmpty()) {
            System.out.println("No number of agents from 1 to " + QueueInputs.MAX_AGENTS + " meets the target.");
            return 1;
        }
        if (json) {
            print(Staffing.compare(inputs, agents.getAsInt(), agents.getAsInt()));
        } else {
            System.out.println(agents.getAsInt());
        }
        return 0;
    }

    private void print(List<Staffing.AgentsFigures> rows) {
        System.out.print(json ? StaffingOutput.json(rows) + System.lineSeparator() : StaffingOutput.table(rows));
    }

    /** "13" or "12-14" as {from, to}, or null when it is neither or outside [0, 1000]. */
    static int[] agentRange(String text) {
        String[] parts = text.trim().split("-", -1);
        try {
            int from = Integer.parseInt(parts[0].trim());
            int to = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : from;
            if (parts.length > 2 || from < 0 || to < from || to > QueueInputs.MAX_AGENTS) {
                return null;
            }
            return new int[]{from, to};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
