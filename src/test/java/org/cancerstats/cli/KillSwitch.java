package org.cancerstats.cli;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.cancerstats.tables.RegistryCatalog;

/**
 * Stops a run at a creation or commit point ({@link RegistryCatalog#beforeCommit}) as a kill would: it throws there
 * and at every point after, so that the run commits nothing more, not even the record of its failure.
 */
final class KillSwitch implements Consumer<String> {

    /** What the stopped run throws: an Error, so that no catch of the code under test carries on past it. */
    static final class Killed extends Error {
        Killed(String at) {
            super("killed before " + at);
        }
    }

    private final Predicate<Integer> atIndex;
    private final Predicate<String> atName;
    private final AtomicInteger seen = new AtomicInteger();
    private volatile String killedAt;

    private KillSwitch(Predicate<Integer> atIndex, Predicate<String> atName) {
        this.atIndex = atIndex;
        this.atName = atName;
    }

    /** Kills at the {@code n}-th point passed (from 0). */
    static KillSwitch atPoint(int n) {
        return new KillSwitch(i -> i >= n, name -> false);
    }

    /** Kills at the first point named {@code name}, or named {@code name} and more words ("write incidence from a.csv"). */
    static KillSwitch atFirst(String name) {
        return new KillSwitch(i -> false, point -> point.equals(name) || point.startsWith(name + " "));
    }

    @Override
    public void accept(String point) {
        int index = seen.getAndIncrement();
        if (killedAt != null || atIndex.test(index) || atName.test(point)) {
            if (killedAt == null) {
                killedAt = point;
            }
            throw new Killed(point);
        }
    }

    /** The point the run was stopped at, or null when it never got there. */
    String killedAt() {
        return killedAt;
    }

    /** Runs {@code run} with this switch set, and clears it after ({@link CliRun} returns 137 for a kill). */
    CliRun.Outcome during(java.util.function.Supplier<CliRun.Outcome> run) {
        RegistryCatalog.beforeCommit = this;
        try {
            return run.get();
        } finally {
            RegistryCatalog.beforeCommit = what -> { };
        }
    }
}
