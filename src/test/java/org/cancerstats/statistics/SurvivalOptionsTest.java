package org.cancerstats.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.cancerstats.core.reference.IcssWeights;
import org.cancerstats.core.reference.SurvivalExclusion;
import org.junit.jupiter.api.Test;

/** The age exclusion follows survival.max-age, and no age it keeps can fall outside the ICSS bands. */
class SurvivalOptionsTest {

    private static final IcssWeights ICSS = IcssWeights.read(Path.of("conf/icss.csv"));

    @Test
    void theAgeExclusionFollowsMaxAgeUpToTheOldestIcssAge() {
        assertThat(ICSS.oldestAge()).as("NORDCAN's ICSS bands end at 89").isEqualTo(89);
        assertThat(SurvivalExclusion.TOO_OLD.label(89)).isEqualTo("age 90+");
        assertThat(SurvivalExclusion.TOO_OLD.label(84)).isEqualTo("age 85+");
        assertThat(new SurvivalJob.Options("r", null, ICSS, 5, 10, new int[] {1, 5, 10}, 84, 0.95, 3, 30).maxAge())
                .isEqualTo(84);
        assertThatThrownBy(() -> new SurvivalJob.Options("r", null, ICSS, 5, 10, new int[] {1, 5, 10}, 94, 0.95, 3, 30))
                .hasMessageContaining("survival.max-age 94").hasMessageContaining("89");
    }
}
