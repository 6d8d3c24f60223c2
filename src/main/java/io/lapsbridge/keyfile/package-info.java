/**
 * The two KDS key files lapsbridge writes and reads: the root key export ({@code kds export},
 * secret, mode 0600, for offline decryption with {@code --kds-key-file}) and the published group
 * public key ({@code kds public-key}, not secret, what agents and migration encrypt with). Both
 * are versioned JSON documents; their formats are specified in docs/kds.md.
 *
 * <p>Owns file creation (refusing to overwrite, owner-only permissions) and strict parsing with
 * {@code file: what is wrong} messages that never quote key material. Imports {@code model},
 * {@code wire}, {@code crypto}, Jackson and the JDK; never {@code directory}, {@code embedded} or
 * {@code cli}.
 */
package io.lapsbridge.keyfile;
