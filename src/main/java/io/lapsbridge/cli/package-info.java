/**
 * The {@code lapsbridge} command line (picocli): commands, shared connection options and the one
 * place where exceptions become exit codes ({@code Failure}).
 *
 * <p>Thin: commands parse options, call the engine and adapters, and hand report records to
 * {@code io.lapsbridge.report}, which owns every output format; commands build no JSON or CSV
 * and do not import Jackson. stdout carries only the requested data; diagnostics go to stderr.
 * May import every other package; nothing imports it.
 */
package io.lapsbridge.cli;
