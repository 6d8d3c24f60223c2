/**
 * The device agent's composition: the device's policy stores ({@code PolicyStores}: registry,
 * Registry.pol files, the JSON policy file; {@code policy show} reads them too), and from the
 * agent's options, that policy and a resolved directory connection, the {@code rotation} cycle
 * over the real adapters (the {@code directory} agent connection, the {@code platform} local
 * accounts and journal, the group public key fetched from a DC with {@code rpc.gkdi} GetKey as
 * the machine account, or else published in a {@code keyfile}) and the runtime a test
 * replaces (clock, sleeper, randomness).
 *
 * <p>Wiring only: the decisions are {@code rotation}'s and {@code policy}'s, the I/O the
 * adapters'. May import {@code model}, {@code policy}, {@code gpo}, {@code password}, {@code
 * crypto}, {@code rotation}, {@code platform}, {@code directory}, {@code keyfile}, {@code
 * config} and {@code rpc} (the public key only); must not import picocli, {@code cli} or {@code report}: the command line parses and
 * prints around it. Kept apart from the administrators' use cases so that their code never
 * reaches the device adapters (JNA, chpasswd, the root-only journal).
 */
package io.lapsbridge.agent;
