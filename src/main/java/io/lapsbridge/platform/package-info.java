/**
 * Device adapters: where local accounts and policy stores live on each platform.
 *
 * <p>Imports {@code io.lapsbridge.model}, {@code io.lapsbridge.policy}, the {@code rotation} ports they
 * implement, and platform libraries
 * (JNA on Windows, Jackson for policy files).
 */
package io.lapsbridge.platform;
