/**
 * The {@code lapsbridge} command line (picocli): commands, shared connection options, output
 * writers and the one place where exceptions become exit codes ({@code Failure}).
 *
 * <p>Thin: commands parse options, call the engine and adapters, and print. stdout carries only
 * the requested data; diagnostics go to stderr. May import every other package; nothing imports
 * it.
 */
package io.lapsbridge.cli;
