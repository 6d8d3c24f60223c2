/**
 * {@code doctor}'s checks: "is LAPS set up correctly here?". One class per check turns the facts
 * a use case gathered (schema, functional levels, KDS root keys, SELF's rights per container,
 * the readers audit, the policies' encryption principals, the transport probe, the estate) into
 * {@link io.lapsbridge.doctor.Finding}s, each with a status, its evidence and the fix. Pure: no
 * I/O, no clock (the time is passed in).
 *
 * <p>May import {@code model}, {@code wire}, {@code policy}, {@code gpo} (to read a Registry.pol's
 * encryption settings), {@code security}, the records of {@code directory}, and the JDK. Must not
 * import {@code usecase}, {@code report}, {@code cli}, UnboundID or Jackson.
 */
package io.lapsbridge.doctor;
