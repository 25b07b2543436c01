/**
 * A small routing HTTP server on the JDK's {@code com.sun.net.httpserver}, the base for stateful
 * fakes of vendor REST APIs in tests: {@link dev.usher.testkit.http.FakeHttpServer}.
 */
@NullMarked
package dev.usher.testkit.http;

import org.jspecify.annotations.NullMarked;
