/**
 * Decrypting stored {@code msLAPS-Encrypted*} values for a caller: where the group keys come from
 * ({@link io.lapsbridge.decryption.KeySource}, over the {@link io.lapsbridge.crypto.GroupKeySource}
 * port; online first with the root keys as the fallback, {@link
 * io.lapsbridge.decryption.OnlineFirstGroupKeys}) and what happened to each value ({@link io.lapsbridge.decryption.ValueDecryption} with a
 * {@link io.lapsbridge.decryption.DecryptionStatus}).
 *
 * <p>Sits between {@code directory} (the root keys of a privileged bind) and {@code crypto} (the
 * pure decryption), so that {@code crypto} stays free of I/O. May import {@code model}, {@code
 * crypto}, {@code directory} and the JDK; must not import {@code cli}, {@code report}, {@code
 * keyfile} ({@code usecase.KeySources} reads key files and hands over the keys), UnboundID or Jackson.
 */
package io.lapsbridge.decryption;
