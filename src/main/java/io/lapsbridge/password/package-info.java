/**
 * The password generator: Windows LAPS complexity levels 1-8 (character sets and EFF
 * passphrases), uniform without modulo bias, from an injected {@link
 * java.util.random.RandomGenerator}.
 *
 * <p>Imports {@code io.lapsbridge.model} and the JDK only. Word lists are resources next to this
 * package, with their licence (CC BY 3.0 US).
 */
package io.lapsbridge.password;
