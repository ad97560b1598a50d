package dev.carafe.web;

import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TenantResolverTest {
    private record FakeRequest(Map<String, String> headers, String path, Map<String, Object> session)
            implements TenantResolver.Request {
        static FakeRequest host(String host) {
            return new FakeRequest(Map.of("Host", host), "/", Map.of());
        }

        @Override
        public String header(String name) {
            return headers.get(name);
        }

        @Override
        public String host() {
            return headers.get("Host");
        }

        @Override
        public Object sessionAttribute(String name) {
            return session.get(name);
        }
    }

    @Test
    void theSubdomainIsTheFirstLabelOfAHostWithOne() {
        TenantResolver subdomain = TenantResolver.subdomain();
        assertThat(subdomain.resolve(FakeRequest.host("acme.example.com"))).isEqualTo("acme");
        assertThat(subdomain.resolve(FakeRequest.host("ACME.example.com:8080"))).isEqualTo("acme");
        assertThat(subdomain.resolve(FakeRequest.host("acme.localhost:7070"))).isEqualTo("acme");
        assertThat(subdomain.resolve(FakeRequest.host("example.com"))).isNull();
        assertThat(subdomain.resolve(FakeRequest.host("localhost:7070"))).isNull();
        assertThat(subdomain.resolve(FakeRequest.host("127.0.0.1:7070"))).isNull();
        assertThat(subdomain.resolve(FakeRequest.host("[::1]:7070"))).isNull();
        assertThat(subdomain.resolve(new FakeRequest(Map.of(), "/", Map.of()))).isNull();
    }

    @Test
    void aPathSegmentIsCountedFromZero() {
        FakeRequest request = new FakeRequest(Map.of(), "/t/acme/todos", Map.of());
        assertThat(TenantResolver.pathSegment(1).resolve(request)).isEqualTo("acme");
        assertThat(TenantResolver.pathSegment(0).resolve(request)).isEqualTo("t");
        assertThat(TenantResolver.pathSegment(5).resolve(request)).isNull();
    }

    @Test
    void theSessionHeaderAndOrElseFallBackInTurn() {
        FakeRequest signedIn = new FakeRequest(Map.of("X-Tenant", "globex"), "/", Map.of("tenant", "acme"));
        FakeRequest anonymous = new FakeRequest(Map.of("X-Tenant", "globex"), "/", Map.of());
        TenantResolver resolver = TenantResolver.sessionAttribute("tenant").orElse(TenantResolver.header("X-Tenant"));
        assertThat(resolver.resolve(signedIn)).isEqualTo("acme");
        assertThat(resolver.resolve(anonymous)).isEqualTo("globex");
        TenantResolver lambda = request -> request.path().startsWith("/admin") ? "ops" : null;
        assertThat(lambda.resolve(new FakeRequest(Map.of(), "/admin/users", Map.of()))).isEqualTo("ops");
    }
}
