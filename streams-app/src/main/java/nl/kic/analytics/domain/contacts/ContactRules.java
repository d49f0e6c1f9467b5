package nl.kic.analytics.domain.contacts;

import nl.kic.analytics.events.Channel;
import nl.kic.analytics.platform.config.KicConfig;

/** The definitions that judge one contact, taken from the configuration. */
public record ContactRules(
        long shortAbandonThresholdMillis,
        long callServiceLevelTargetMillis,
        long chatServiceLevelTargetMillis,
        long lostAfterMillis) {

    public static ContactRules from(KicConfig config) {
        return new ContactRules(
                config.shortAbandonThreshold().toMillis(),
                config.callServiceLevelTarget().toMillis(),
                config.chatServiceLevelTarget().toMillis(),
                config.lostAfter().toMillis());
    }

    public long serviceLevelTargetMillis(Channel channel) {
        return channel == Channel.CALL ? callServiceLevelTargetMillis : chatServiceLevelTargetMillis;
    }
}
