/**
 * The {@code lapsbridge} command line (picocli): commands, shared connection options and the one
 * place where exceptions become exit codes ({@code Failure}).
 *
 * <p>Thin: commands parse options, call a use case ({@code io.lapsbridge.usecase}) or one
 * adapter, and hand report records to {@code io.lapsbridge.report}, which owns every output
 * format; what a command does (locate, choose, decide, batch, apply) is not here; commands build no JSON or CSV
 * and do not import Jackson. stdout carries only the requested data; diagnostics go to stderr.
 * May import every other package; nothing imports it.
 */
package io.lapsbridge.cli;
