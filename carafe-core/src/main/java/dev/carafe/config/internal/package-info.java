/**
 * Not API. Helpers the configuration shares with other packages: URL masking and did-you-mean.
 */
package dev.carafe.config.internal;
