// A Neo4j Community 5.26 server for tests and local benchmarks: the embedded
// DatabaseManagementService (jars from Maven Central, see pom.xml) with the Bolt connector on.
// Normally started by control.ts (`npm run neo4j -- start`), which also passes the JVM flags.
//
// Usage: java -Xms3g -Xmx3g --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
//          --add-opens=java.base/sun.nio.ch=ALL-UNNAMED -cp '.cache/neo4j/neo4j-server.jar:.cache/neo4j/lib/*'
//          Neo4jServer [--data DIR] [--host H] [--port N] [--pagecache-mb 1024] [--tx-timeout-s 600]
//          [--vector-merge-factor 8]
// Env fallbacks: NEO4J_DATA, NEO4J_HOST, NEO4J_PORT, NEO4J_PAGECACHE_MB, NEO4J_TX_TIMEOUT_S,
// NEO4J_VECTOR_MERGE_FACTOR.
//
// It is compiled once with javac (control.ts does it) rather than run with the single-source
// launcher: that launcher re-runs javac in memory on every start, and javac against this
// ~200-jar classpath costs 5+ s of CPU here.
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.kernel.api.impl.index.LuceneSettings;

public final class Neo4jServer {
  private static String opt(String[] args, String flag, String env, String dflt) {
    for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(flag)) return args[i + 1];
    String v = System.getenv(env);
    return v == null || v.isEmpty() ? dflt : v;
  }

  public static void main(String[] args) throws Exception {
    Path data = Path.of(opt(args, "--data", "NEO4J_DATA", ".cache/neo4j/data")).toAbsolutePath();
    String host = opt(args, "--host", "NEO4J_HOST", "127.0.0.1");
    int port = Integer.parseInt(opt(args, "--port", "NEO4J_PORT", "7687"));
    long pageCacheMb = Long.parseLong(opt(args, "--pagecache-mb", "NEO4J_PAGECACHE_MB", "1024"));
    long txTimeoutS = Long.parseLong(opt(args, "--tx-timeout-s", "NEO4J_TX_TIMEOUT_S", "600"));
    // Lucene segments of a vector index merged 8 at a time, not Neo4j's 50: each search walks every
    // segment's graph, and each write transaction leaves a segment. Measured at 100,000 people
    // (docs/architecture.md): searches 2-2.5x faster, vector writes 1.4x slower.
    int vectorMergeFactor = Integer.parseInt(opt(args, "--vector-merge-factor", "NEO4J_VECTOR_MERGE_FACTOR", "8"));

    // Authentication is disabled, so the server must never listen beyond this machine.
    if (!InetAddress.getByName(host).isLoopbackAddress()) {
      System.err.println("refusing non-loopback bolt host " + host + " (auth is disabled)");
      System.exit(2);
    }

    long t0 = System.nanoTime();
    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(data)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
        .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
        .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
        .setConfig(HttpConnector.enabled, false)
        .setConfig(HttpsConnector.enabled, false)
        // No auth: test/benchmark server bound to loopback only (checked above), no secrets to manage.
        .setConfig(GraphDatabaseSettings.auth_enabled, false)
        // ~120k nodes + 1M relationships with properties is a few hundred MB of store: 1 GiB of
        // page cache keeps it all in memory; the heap is set by the launcher (-Xmx).
        .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheMb * 1024 * 1024)
        // Long enough for batched bulk loads, short enough that a stuck test cannot hang forever.
        .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(txTimeoutS))
        // Data here is disposable (tests, benchmarks): keep no old transaction logs, saves disk on reloads.
        .setConfig(GraphDatabaseSettings.keep_logical_logs, "keep_none")
        // Usage reporting would try to reach neo4j.com; this machine has no such network.
        .setConfig(GraphDatabaseSettings.udc_enabled, false)
        // Netty's graceful shutdown otherwise idles ~5 s per Bolt connector (10 s per stop) after the
        // databases are already checkpointed and closed; there is nothing left to drain by then.
        .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
        .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
        .setConfig(LuceneSettings.vector_standard_merge_factor, vectorMergeFactor)
        .build();

    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("neo4j shutting down");
      dbms.shutdown(); // flushes the page cache and checkpoints, so the next start needs no recovery
      System.out.println("neo4j stopped");
    }, "neo4j-shutdown"));

    // Bolt listens as soon as build() returns, but queries fail until the default database is up.
    GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    if (!db.isAvailable(TimeUnit.MINUTES.toMillis(2))) {
      System.err.println("default database did not become available");
      System.exit(1);
    }
    // Warm the Cypher parser/planner/runtime in-process: otherwise the first client query pays
    // several seconds of class loading and could trip a test's timeout instead of this start's.
    db.executeTransactionally("MATCH (n) WHERE id(n) = -1 RETURN count(n)");
    System.out.printf("neo4j started in %d ms, data %s%n", (System.nanoTime() - t0) / 1_000_000, data);
    System.out.printf("neo4j ready bolt://%s:%d%n", host, port); // control.ts waits for this line
    System.out.flush();
    Thread.currentThread().join(); // run until SIGTERM/SIGINT; the hook above then shuts down
  }
}
