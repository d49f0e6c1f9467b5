package nl.kic.analytics.tools.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import nl.kic.analytics.tools.benchmark.FailoverBenchmark.Answer;
import org.junit.jupiter.api.Test;

/** How bench --failover sums up a survivor's answers through a kill. */
class FailoverBenchmarkTest {

    @Test
    void theGapRunsFromTheLastCompleteAnswerBeforeTheKillToTheFirstAfterIt() {
        List<Answer> answers = new ArrayList<>();
        answers.add(new Answer(-200, 200, true));
        answers.add(new Answer(-100, 200, true));
        for (long t = 0; t <= 6_300; t += 100) {
            answers.add(new Answer(t, 503, false));
        }
        answers.add(new Answer(6_400, FailoverBenchmark.NO_ANSWER, false)); // no answer at all: refused too
        answers.add(new Answer(6_520, 200, true));
        answers.add(new Answer(6_610, 200, true));
        FailoverBenchmark.Run run = FailoverBenchmark.summary(answers, 10, 3);
        // From -100 ms to 6,520 ms; 64 answers of 503 (0 to 6,300 ms) and one unanswered.
        assertThat(run.longestGapMillis()).isEqualTo(6_620);
        assertThat(run.refused()).isEqualTo(65);
        assertThat(run.complete()).isEqualTo(4);
        assertThat(run.partial()).isZero();
        assertThat(run.failed()).isZero();
        assertThat(run.lastRefusalAfterKillMillis()).isEqualTo(6_400);
        assertThat(run.completeAtTheEnd()).isTrue();
        assertThat(run.sound()).isTrue();
    }

    @Test
    void partialAndFailedAnswersAreCountedApartAndDoNotEndTheGap() {
        List<Answer> answers = List.of(new Answer(-100, 200, true), new Answer(1_000, 200, false), new Answer(1_500, 500, false),
                new Answer(2_000, 503, false), new Answer(3_000, 200, true));
        FailoverBenchmark.Run run = FailoverBenchmark.summary(answers, 10, 3);
        assertThat(run.partial()).isEqualTo(1);
        assertThat(run.failed()).isEqualTo(1);
        assertThat(run.refused()).isEqualTo(1);
        assertThat(run.longestGapMillis()).isEqualTo(3_100);
        assertThat(run.sound()).isFalse();
    }

    @Test
    void withoutACompleteAnswerAtTheEndTheGapLastsUntilTheLastQuestion() {
        List<Answer> answers = List.of(new Answer(-100, 200, true), new Answer(0, 503, false), new Answer(30_000, 503, false));
        FailoverBenchmark.Run run = FailoverBenchmark.summary(answers, 10, 3);
        assertThat(run.completeAtTheEnd()).isFalse();
        assertThat(run.longestGapMillis()).isEqualTo(30_100);
        assertThat(run.sound()).isFalse();
    }
}
