/**
 * Configuration: {@link dev.carafe.config.CarafeConfig} (every key, declared once, from code, maps,
 * {@code carafe.properties} or the environment), {@link dev.carafe.config.EngineOptions} and
 * {@link dev.carafe.config.ConfigException}.
 */
package dev.carafe.config;
