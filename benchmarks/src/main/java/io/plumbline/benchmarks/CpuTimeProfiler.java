package io.plumbline.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Normalises a throughput score by the CPU the benchmark JVM actually got: {@code cpu.ops-per-cpu-s} is operations
 * per CPU-second of the whole process (benchmark threads, GC and JIT included), {@code cpu.cores} the cores it
 * used on average. On a machine shared with other work, a thread that is descheduled half the time halves the
 * wall-clock score but not this one, so it is the per-core figure to compare across runs.
 * Use with {@code -prof io.plumbline.benchmarks.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuStart;
    private long wallStart;

    @Override
    public String getDescription() {
        return "throughput per CPU-second of the benchmark JVM (for machines shared with other work)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        wallStart = System.nanoTime();
        cpuStart = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(
            BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        long cpu = os.getProcessCpuTime() - cpuStart;
        long wall = System.nanoTime() - wallStart;
        if (cpu <= 0 || wall <= 0) {
            return List.of();
        }
        double cores = (double) cpu / wall;
        double perCpuSecond = result.getPrimaryResult().getScore() / cores;
        String unit = result.getPrimaryResult().getScoreUnit().replace("/s", "/cpu-s");
        return List.of(
                new ScalarResult("cpu.ops-per-cpu-s", perCpuSecond, unit, AggregationPolicy.AVG),
                new ScalarResult("cpu.cores", cores, "cores", AggregationPolicy.AVG));
    }
}
