package org.nyc311.anomaly.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionSettingsTest {

    /**
     * The defaults' fingerprint, as every version with these rules has stored it with its alerts. If this fails, the
     * fingerprint of unchanged settings moved: every open alert of a deployment would be closed as superseded on
     * upgrade. Change it only with {@link DetectionSettings#RULES_VERSION}, on purpose. It is the SHA-256 of
     * {@code rules=1;consecutive-days=3;z-window=28;drops-alert=false;sustained-rise=off;evidence=on(1.0,4.0,0.5);
     * margin-evidence=on(0.5,1.25,1.0)} (one line), its first 16 hexadecimal digits.
     */
    private static final String DEFAULTS_UNDER_RULES_1 = "bd20ddb9799eb4a5";

    @Test
    void theDefaultsKeepTheirFingerprintFromVersionToVersion() {
        assertThat(DetectionSettings.defaults().fingerprint()).isEqualTo(DEFAULTS_UNDER_RULES_1);
        assertThat(DetectionSettings.defaults().fingerprint()).matches("[0-9a-f]{16}");
    }

    @Test
    void everySettingThatCanChangeTheEpisodesChangesTheFingerprint() {
        DetectionSettings d = DetectionSettings.defaults();
        List<DetectionSettings> others = List.of(
                d.withConsecutiveDays(4),
                d.withZWindow(14),
                d.withDropsAlert(true),
                d.withSustainedRise(true),
                d.withSustainedRise(true).withSustainedMinZ(3.0),
                d.withEvidence(DetectionSettings.Evidence.on(1.5, 4.0)),
                d.withEvidence(DetectionSettings.Evidence.OFF),
                d.withEvidence(DetectionSettings.Evidence.on(1.0, 5.0)),
                d.withEvidence(d.evidence().withHiddenRise(0.0)),
                d.withMarginEvidence(DetectionSettings.MarginEvidence.OFF),
                d.withMarginEvidence(DetectionSettings.MarginEvidence.on(0.5, 1.25, 0.8)),
                d.withMarginEvidence(DetectionSettings.MarginEvidence.on(0.4, 1.25, 1.0)),
                d.withMarginEvidence(DetectionSettings.MarginEvidence.on(0.5, 1.5, 1.0)));

        assertThat(others)
                .extracting(DetectionSettings::fingerprint)
                .doesNotContain(d.fingerprint())
                .doesNotHaveDuplicates();
    }

    @Test
    void aRuleThatIsOffAddsNothingOfItsOwn() {
        DetectionSettings breachesOnly = DetectionSettings.breachRuleOnly();

        // the sustained-rise rule's threshold while it is off, the margin rule's settings while evidence is off
        assertThat(breachesOnly.withSustainedMinZ(3.0).fingerprint()).isEqualTo(breachesOnly.fingerprint());
        assertThat(breachesOnly
                        .withMarginEvidence(DetectionSettings.MarginEvidence.on(0.4, 1.5, 0.9))
                        .fingerprint())
                .isEqualTo(breachesOnly.fingerprint());
        assertThat(DetectionSettings.defaults().withSustainedMinZ(3.0).fingerprint())
                .isEqualTo(DetectionSettings.defaults().fingerprint());
    }
}
