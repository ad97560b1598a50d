/**
 * The {@code db} command line an application gets in one line: {@link dev.carafe.cli.CarafeCli}.
 */
package dev.carafe.cli;
