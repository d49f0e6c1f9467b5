package nl.kic.analytics.domain.emails;

import nl.kic.analytics.domain.intervals.IntervalRows;
import nl.kic.analytics.platform.serde.BinaryReader;
import nl.kic.analytics.platform.serde.BinarySerde;
import nl.kic.analytics.platform.serde.BinaryWriter;

/** The additive state of one e-mail interval row (category, granularity, interval of RECEIVED). */
public final class EmailIntervalStats {
    public static final int FORMAT_VERSION = 1;

    long receivedGross;
    long spam;
    long answered;
    long closedWithoutAnswer;
    long open;
    long acknowledgedOnTime;
    long answeredOnTime;
    long mustAnswerViolations;

    public static final IntervalRows.Codec<EmailIntervalStats> CODEC = new IntervalRows.Codec<>() {
        @Override
        public EmailIntervalStats empty() {
            return new EmailIntervalStats();
        }

        @Override
        public EmailIntervalStats decode(byte[] bytes) {
            return fromBytes(bytes);
        }

        @Override
        public byte[] encode(EmailIntervalStats stats) {
            return stats.toBytes();
        }

        @Override
        public boolean isEmpty(EmailIntervalStats stats) {
            // Every count zero, not only the e-mails received: see ContactIntervalStats#isEmpty.
            return stats.receivedGross == 0 && stats.spam == 0 && stats.answered == 0 && stats.closedWithoutAnswer == 0 && stats.open == 0
                    && stats.acknowledgedOnTime == 0 && stats.answeredOnTime == 0 && stats.mustAnswerViolations == 0;
        }

        @Override
        public void merge(EmailIntervalStats into, EmailIntervalStats other) {
            into.merge(other);
        }
    };

    /** Adds ({@code sign} +1) or retracts ({@code sign} -1) one e-mail's contribution. Spam counts only as gross and spam. */
    public void add(EmailContribution c, int sign) {
        receivedGross += sign;
        if (c.spam()) {
            spam += sign;
            return;
        }
        switch (c.status()) {
            case ANSWERED -> answered += sign;
            case CLOSED_WITHOUT_ANSWER -> closedWithoutAnswer += sign;
            case OPEN -> open += sign;
        }
        acknowledgedOnTime += c.acknowledgedOnTime() ? sign : 0;
        answeredOnTime += c.answeredOnTime() ? sign : 0;
        mustAnswerViolations += c.mustAnswerViolation() ? sign : 0;
    }

    public void merge(EmailIntervalStats other) {
        receivedGross += other.receivedGross;
        spam += other.spam;
        answered += other.answered;
        closedWithoutAnswer += other.closedWithoutAnswer;
        open += other.open;
        acknowledgedOnTime += other.acknowledgedOnTime;
        answeredOnTime += other.answeredOnTime;
        mustAnswerViolations += other.mustAnswerViolations;
    }

    byte[] toBytes() {
        BinaryWriter out = new BinaryWriter(32).writeByte(FORMAT_VERSION);
        for (long v : new long[] {receivedGross, spam, answered, closedWithoutAnswer, open, acknowledgedOnTime, answeredOnTime,
                mustAnswerViolations}) {
            out.writeVarLong(v);
        }
        return out.toByteArray();
    }

    static EmailIntervalStats fromBytes(byte[] bytes) {
        BinaryReader in = BinarySerde.reader(bytes, FORMAT_VERSION, "e-mail interval");
        EmailIntervalStats s = new EmailIntervalStats();
        s.receivedGross = in.readVarLong();
        s.spam = in.readVarLong();
        s.answered = in.readVarLong();
        s.closedWithoutAnswer = in.readVarLong();
        s.open = in.readVarLong();
        s.acknowledgedOnTime = in.readVarLong();
        s.answeredOnTime = in.readVarLong();
        s.mustAnswerViolations = in.readVarLong();
        return s;
    }
}
