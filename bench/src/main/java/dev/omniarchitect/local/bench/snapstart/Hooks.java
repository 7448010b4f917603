package dev.omniarchitect.local.bench.snapstart;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The global context: every hook registered, notified as a CRaC runtime notifies them, the last
 * registered first before the checkpoint and in registration order after the restore.
 */
final class Hooks extends Context<Resource> {

    private final List<Resource> resources = new ArrayList<>();

    @Override
    public synchronized void register(Resource resource) {
        resources.add(resource);
    }

    synchronized int size() {
        return resources.size();
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws CheckpointException {
        List<Resource> lastFirst = new ArrayList<>(snapshot());
        Collections.reverse(lastFirst);
        List<Exception> failures = notify(lastFirst, resource -> resource.beforeCheckpoint(this));
        if (!failures.isEmpty()) {
            CheckpointException failure = new CheckpointException();
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) throws RestoreException {
        List<Exception> failures = notify(snapshot(), resource -> resource.afterRestore(this));
        if (!failures.isEmpty()) {
            RestoreException failure = new RestoreException();
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    /** Tells every hook, whatever the others do; what they threw. */
    private static List<Exception> notify(List<Resource> resources, Notice notice) {
        List<Exception> failures = new ArrayList<>();
        for (Resource resource : resources) {
            try {
                notice.send(resource);
            } catch (Exception e) {
                failures.add(e);
            }
        }
        return failures;
    }

    /** Which of a hook's two methods is called. */
    @FunctionalInterface
    private interface Notice {
        void send(Resource resource) throws Exception;
    }

    private synchronized List<Resource> snapshot() {
        return List.copyOf(resources);
    }
}
