/**
 * A CRaC implementation just big enough for {@code org.crac} to hand it the functions' SnapStart
 * hooks in the bench's cold-start probes, where no real checkpoint can be taken.
 */
package dev.omniarchitect.local.bench.snapstart;
