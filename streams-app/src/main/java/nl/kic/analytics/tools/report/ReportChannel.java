package nl.kic.analytics.tools.report;

import nl.kic.analytics.events.Channel;

/** The three channels a report covers, each on its own: calls and chats from the contact figures, e-mail from its own. */
enum ReportChannel {
    CALL,
    CHAT,
    EMAIL;

    /** The contact channel of the figures; e-mail has none. */
    Channel contactChannel() {
        return switch (this) {
            case CALL -> Channel.CALL;
            case CHAT -> Channel.CHAT;
            case EMAIL -> throw new IllegalStateException("e-mail has no contact channel");
        };
    }

    /** The machine name of the channel in the CSV and the manifest. */
    String key() {
        return name();
    }

    /** The first word of the channel's texts: "channel.call". */
    String textKey() {
        return "channel." + name().toLowerCase();
    }
}
