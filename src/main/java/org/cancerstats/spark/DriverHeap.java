package org.cancerstats.spark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** Peak heap use of this JVM (the driver; in local mode also the executors' tasks), for benchmark figures. */
public final class DriverHeap {

    private DriverHeap() {
    }

    public static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /**
     * Sum of the heap pools' peaks since the JVM started or the last {@link #resetPeaks()}, MiB: an upper bound of
     * the heap used (the pools peak at different times), so it can exceed -Xmx.
     */
    public static long peakMiB() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
    }
}
