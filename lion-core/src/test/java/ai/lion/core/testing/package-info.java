/**
 * Test support shared by lion-core's test packages: finite-difference gradient checks and JUnit
 * extensions that set ND4J's default precision and thread count for a test class and restore them.
 */
package ai.lion.core.testing;
