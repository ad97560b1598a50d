/**
 * Contexts and sessions: {@link dev.carafe.session.DbContext}, {@link dev.carafe.session.Session},
 * {@link dev.carafe.session.Result}, {@link dev.carafe.session.ContextScope} and
 * {@link dev.carafe.session.CommitException}.
 */
package dev.carafe.session;
