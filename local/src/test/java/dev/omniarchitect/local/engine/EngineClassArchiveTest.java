package dev.omniarchitect.local.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A user's own class sharing options (a profiler's -Xshare:off, an archive of their own) keep the engine's out. */
class EngineClassArchiveTest {

    @Test
    void optionsThatSayHowClassesAreSharedAreTheUsersAndOthersAreNot() {
        for (String option : List.of("-Xshare:off", "-Xshare:auto", "-XX:SharedArchiveFile=/tmp/mine.jsa",
                "-XX:ArchiveClassesAtExit=/tmp/mine.jsa")) {
            assertTrue(EngineClassArchive.concernsSharing(option), option);
        }
        for (String option : List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:StartFlightRecording=filename=/tmp/engine.jfr")) {
            assertFalse(EngineClassArchive.concernsSharing(option), option);
        }
    }
}
