/**
 * The device agent's composition: from its options, the policy sources and a resolved directory
 * connection, it builds the {@code rotation} cycle over the real adapters (the {@code directory}
 * agent connection, the {@code platform} local accounts and journal, the published public key of
 * {@code keyfile}) and the runtime a test replaces (clock, sleeper, randomness).
 *
 * <p>Wiring only: the decisions are {@code rotation}'s, the I/O the adapters'. May import {@code
 * model}, {@code policy}, {@code password}, {@code crypto}, {@code rotation}, {@code platform},
 * {@code directory}, {@code keyfile} and {@code config}; must not import picocli, {@code cli} or
 * {@code report}: the command line parses and prints around it.
 */
package io.lapsbridge.agent;
