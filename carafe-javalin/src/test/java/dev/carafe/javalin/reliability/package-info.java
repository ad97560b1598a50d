/**
 * How the plugin behaves when things break: failed commits, killed connections, outages and silent
 * databases behind a proxy, an exhausted pool, hostile input, a soak. These tests do not register
 * carafe-test's {@code CarafeExtension}: they prove real commits and real pool behaviour on each
 * thread (rows checked over plain JDBC, backends terminated, pools of two), where the extension
 * would pin one connection per bind and turn commits into savepoints. Each test builds its db with
 * the settings it proves, drops its tables from the shared server database after itself, and ends
 * with carafe-core's {@code LeakCheck}.
 */
package dev.carafe.javalin.reliability;
