/**
 * Policy from a JSON file, for Linux devices and for tests: the four roots and, optionally, the
 * device facts.
 *
 * <p>Imports {@code io.lapsbridge.model}, {@code io.lapsbridge.policy} and Jackson.
 */
package io.lapsbridge.platform.file;
