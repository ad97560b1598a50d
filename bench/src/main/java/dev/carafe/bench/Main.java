package dev.carafe.bench;

/**
 * The jar's entry point: {@code java -jar carafe-bench.jar} serves the bench contract;
 * {@code java -jar carafe-bench.jar jmh [JMH options]} runs the micro-benchmarks.
 */
public final class Main {
    private Main() {}

    /**
     * Runs the app or JMH.
     *
     * @param args nothing, or {@code jmh} followed by JMH's options
     * @throws Exception when JMH fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("jmh")) {
            org.openjdk.jmh.Main.main(java.util.Arrays.copyOfRange(args, 1, args.length));
        } else {
            BenchApp.main(args);
        }
    }
}
