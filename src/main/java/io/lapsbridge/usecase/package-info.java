/**
 * What a command does, once its options are parsed: locate computers, choose the attribute
 * family and the key source, decide what to write, batch over names and collect the outcomes,
 * plan and apply a migration. Each use case composes several adapters and engines and returns the
 * records the command prints; it parses no options, prints nothing and picks no exit status.
 *
 * <p>May import {@code model}, {@code wire}, {@code security}, {@code crypto}, {@code gpo},
 * {@code migration} (with {@code migration.apply}), {@code directory}, {@code decryption}, {@code
 * keyfile}, {@code platform.journal}, {@code rpc} and {@code rpc.gkdi} (GetKey, in {@code
 * KeySources} only), the {@code report} records it returns, and the JDK. Must not
 * import {@code cli}, picocli, UnboundID or Jackson: the adapters own those. Warnings go to the
 * {@code Consumer<String>} the caller passes, one line each, as they happen.
 */
package io.lapsbridge.usecase;
