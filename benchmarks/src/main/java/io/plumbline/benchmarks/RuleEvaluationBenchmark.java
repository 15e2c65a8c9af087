package io.plumbline.benchmarks;

import io.plumbline.rules.CompiledRule;
import io.plumbline.rules.Evaluation;
import io.plumbline.rules.Resource;
import io.plumbline.rules.RuleCatalog;
import io.plumbline.rules.SyntheticResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of {@link CompiledRule#evaluate(Resource)}, in rule-resource evaluations per second (each invocation
 * evaluates {@value #BATCH} pairs, declared with {@code @OperationsPerInvocation}).
 *
 * <p>The population is the built-in catalog's own fixtures (pass and fail cases, read from the repository's
 * {@code rules/catalog}: set {@code -Dplumbline.catalog.dir}, else {@code ../rules/catalog} or {@code rules/catalog}
 * relative to the working directory) plus {@link SyntheticResources}: API-shaped RDS instances, EC2 instances with
 * three security groups of five rules each, security groups, volumes and buckets (shared with the rules module's
 * equivalence test through its test jar). A failing evaluation renders its message, as in a scan.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
// 3 warm-up iterations were not enough for dev.cel's interpreter (12-16 s of one core before C2 had compiled it);
// the compiled closures warm up faster, but the count stays so figures compare across versions
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class RuleEvaluationBenchmark {

    /** Evaluations per benchmark invocation; the score divides by it. */
    public static final int BATCH = 1024;

    static final String CHEAPEST = "rds-instance-multi-az";
    static final String HEAVIEST = "ec2-instance-public-unrestricted-ingress";

    /** The catalog and the rule-resource pairs, built once and shared by every thread (rules are thread-safe). */
    @State(Scope.Benchmark)
    public static class Population {

        CompiledRule[] allRules;
        Resource[] allResources;
        CompiledRule[] cheapRules;
        Resource[] cheapResources;
        CompiledRule[] heavyRules;
        Resource[] heavyResources;

        @Setup(Level.Trial)
        public void load() {
            Path catalogDir = catalogDir();
            RuleCatalog catalog = RuleCatalog.builtIn();
            requireSameCatalog(catalog, catalogDir);
            // the catalog's own order is unspecified: sort so every run walks the same sequence
            List<CompiledRule> rules = catalog.all().stream().sorted(Comparator.comparing(CompiledRule::id)).toList();
            List<Resource> resources = new ArrayList<>();
            int fixtures = 0;
            for (CompiledRule rule : rules) {
                for (FixtureResources.Case fixture : FixtureResources.of(catalogDir, rule.rule())) {
                    Evaluation outcome = rule.evaluate(fixture.resource());
                    boolean failed = outcome instanceof Evaluation.Fail;
                    if (failed != fixture.shouldFail() || outcome instanceof Evaluation.Error) {
                        throw new IllegalStateException(rule.id() + " / " + fixture.description() + ": " + outcome
                                + "; the benchmark must measure rules that decide their fixtures correctly");
                    }
                    resources.add(fixture.resource());
                    fixtures++;
                }
            }
            if (fixtures == 0) {
                throw new IllegalStateException("no fixtures under " + catalogDir.toAbsolutePath());
            }
            List<Resource> synthetic = SyntheticResources.all();
            resources.addAll(synthetic);

            List<CompiledRule> pairRules = new ArrayList<>();
            List<Resource> pairResources = new ArrayList<>();
            Map<String, int[]> outcomes = new TreeMap<>(); // per rule: pass, fail, error
            for (CompiledRule rule : rules) {
                for (Resource resource : resources) {
                    if (resource.type().equals(rule.rule().resourceType())) {
                        pairRules.add(rule);
                        pairResources.add(resource);
                        Evaluation outcome = rule.evaluate(resource);
                        int slot = outcome instanceof Evaluation.Pass ? 0 : outcome instanceof Evaluation.Fail ? 1 : 2;
                        outcomes.computeIfAbsent(rule.id(), k -> new int[3])[slot]++;
                    }
                }
            }
            allRules = pairRules.toArray(CompiledRule[]::new);
            allResources = pairResources.toArray(Resource[]::new);
            int[] total = new int[3];
            outcomes.values().forEach(o -> {
                total[0] += o[0];
                total[1] += o[1];
                total[2] += o[2];
            });
            System.out.printf("%n[population] %d rules, %d fixture + %d synthetic resources, %d rule-resource pairs "
                            + "(%d pass, %d fail, %d error)%n",
                    catalog.size(), fixtures, synthetic.size(), allRules.length, total[0], total[1], total[2]);
            outcomes.forEach((id, o) -> {
                if (o[2] > 0) {
                    // fixtures written for one rule can lack a field a sibling rule of the same type requires
                    System.out.printf("[population] %s: %d error(s) on other rules' fixtures%n", id, o[2]);
                }
            });

            CompiledRule cheap = catalog.find(CHEAPEST).orElseThrow();
            CompiledRule heavy = catalog.find(HEAVIEST).orElseThrow();
            cheapResources = ofType(resources, cheap.rule().resourceType());
            cheapRules = repeat(cheap, cheapResources.length);
            heavyResources = ofType(resources, heavy.rule().resourceType());
            heavyRules = repeat(heavy, heavyResources.length);
        }

        private static Path catalogDir() {
            String configured = System.getProperty("plumbline.catalog.dir");
            if (configured != null && !configured.isBlank()) {
                return Path.of(configured);
            }
            for (String candidate : List.of("../rules/catalog", "rules/catalog")) {
                if (Files.isDirectory(Path.of(candidate))) {
                    return Path.of(candidate);
                }
            }
            throw new IllegalStateException("cannot find the rule catalog's fixtures from " + Path.of("").toAbsolutePath()
                    + ": pass -Dplumbline.catalog.dir=/path/to/rules/catalog");
        }

        /**
         * The fixtures come from the directory, the rules from the jar: they must be the same catalog. (A jar built
         * with {@code -pl benchmarks} but without {@code -am} takes whatever plumbline-rules the local repository
         * holds, possibly another branch's.)
         */
        private static void requireSameCatalog(RuleCatalog catalog, Path catalogDir) {
            Set<String> inJar = catalog.all().stream().map(CompiledRule::id).collect(Collectors.toCollection(TreeSet::new));
            Set<String> inDir;
            try (Stream<Path> files = Files.walk(catalogDir)) {
                inDir = files.map(f -> f.getFileName().toString())
                        .filter(n -> n.endsWith(".yaml") && !n.endsWith(".fixtures.yaml"))
                        .map(n -> n.substring(0, n.length() - ".yaml".length()))
                        .collect(Collectors.toCollection(TreeSet::new));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!inJar.equals(inDir)) {
                throw new IllegalStateException("the benchmarks jar's rule catalog (" + inJar.size() + " rules) is not the one in "
                        + catalogDir.toAbsolutePath() + " (" + inDir.size() + " rules): rebuild it with "
                        + "./mvnw package -DskipTests -pl benchmarks -am");
            }
        }

        private static Resource[] ofType(List<Resource> resources, String type) {
            return resources.stream().filter(r -> r.type().equals(type)).toArray(Resource[]::new);
        }

        private static CompiledRule[] repeat(CompiledRule rule, int times) {
            CompiledRule[] out = new CompiledRule[times];
            Arrays.fill(out, rule);
            return out;
        }
    }

    /** Where each thread is in the pair lists, so consecutive invocations walk the whole population. */
    @State(Scope.Thread)
    public static class Cursor {
        int all;
        int cheap;
        int heavy;
    }

    /** Every rule against every resource of its type. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void allRules(Population p, Cursor c, Blackhole bh) {
        c.all = run(p.allRules, p.allResources, c.all, bh);
    }

    /** The cheapest typical rule: three field look-ups on an RDS instance. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void cheapestRule(Population p, Cursor c, Blackhole bh) {
        c.cheap = run(p.cheapRules, p.cheapResources, c.cheap, bh);
    }

    /** The heaviest: nested comprehensions over an EC2 instance's security groups and their rules. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void heaviestRule(Population p, Cursor c, Blackhole bh) {
        c.heavy = run(p.heavyRules, p.heavyResources, c.heavy, bh);
    }

    private static int run(CompiledRule[] rules, Resource[] resources, int start, Blackhole bh) {
        int n = rules.length;
        int i = start;
        for (int k = 0; k < BATCH; k++) {
            bh.consume(rules[i].evaluate(resources[i]));
            if (++i == n) {
                i = 0;
            }
        }
        return i;
    }
}
