/**
 * How ND4J runs under this project: {@link ai.lion.core.runtime.CachingShapeInfoProvider}, the
 * shape-information cache that every LION JVM installs with the flag
 * {@value ai.lion.core.runtime.CachingShapeInfoProvider#JVM_FLAG}.
 */
package ai.lion.core.runtime;
