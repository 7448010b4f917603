package dev.omniarchitect.local.bench;

import static dev.omniarchitect.local.bench.BenchResults.format;

import java.util.List;

/** The local engine's targets: whole-process ratios to {@code ./omni --help}, and the uncached job's to its ideal. */
final class EngineTargets {

    private EngineTargets() {
    }

    static List<BenchResults.Target> of(EngineFigure engine) {
        return List.of(
                new BenchResults.Target("cached ./omni run, engine running: x ./omni --help",
                        format("%.2fx", engine.runningRatio()), format("at most %.0fx", EngineFigure.TARGET_RUNNING_RATIO),
                        engine.runningRatio() <= EngineFigure.TARGET_RUNNING_RATIO),
                new BenchResults.Target("cached ./omni run, from nothing: x ./omni --help",
                        format("%.2fx", engine.fromNothingRatio()),
                        format("at most %.0fx", EngineFigure.TARGET_FROM_NOTHING_RATIO),
                        engine.fromNothingRatio() <= EngineFigure.TARGET_FROM_NOTHING_RATIO),
                new BenchResults.Target(engine.items() + " uncached items: first job of a fresh engine / ideal",
                        format("%.2f", engine.coldRatio()), format("at most %.2f", EngineFigure.TARGET_COLD_RATIO),
                        engine.coldRatio() <= EngineFigure.TARGET_COLD_RATIO),
                new BenchResults.Target(engine.items() + " uncached items: later jobs / ideal",
                        format("%.2f", engine.warmRatio()), format("at most %.2f", EngineFigure.TARGET_WARM_RATIO),
                        engine.warmRatio() <= EngineFigure.TARGET_WARM_RATIO));
    }
}
