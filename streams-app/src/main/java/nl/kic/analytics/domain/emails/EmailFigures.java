package nl.kic.analytics.domain.emails;

/**
 * The e-mail figures of one row. receivedNet = receivedGross − spam = answered + closedWithoutAnswer +
 * open; answeredShare = answered / receivedNet (null when no net e-mail). The on-time counts and
 * violations count net e-mails.
 */
public record EmailFigures(
        long receivedGross,
        long spam,
        long receivedNet,
        long answered,
        long closedWithoutAnswer,
        long open,
        Double answeredShare,
        long acknowledgedOnTime,
        long answeredOnTime,
        long mustAnswerViolations) {

    static EmailFigures of(EmailIntervalStats s) {
        long net = s.receivedGross - s.spam;
        return new EmailFigures(s.receivedGross, s.spam, net, s.answered, s.closedWithoutAnswer, s.open,
                net == 0 ? null : (double) s.answered / net, s.acknowledgedOnTime, s.answeredOnTime, s.mustAnswerViolations);
    }
}
