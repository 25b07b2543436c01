package dev.usher.testkit.fakes;

import dev.usher.testkit.http.FakeHttpServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A stateful fake of the parts of GitHub's REST API the {@code github} connector uses: one
 * organization ({@link #ORG}) with members, invitations and teams, held in maps, on a loopback
 * port, requiring {@code Authorization: Bearer} {@link #TOKEN}. Every login exists as a GitHub
 * user. By default invitations stay pending (nobody accepts them) until {@link #accept(String)}
 * is called; {@link #acceptingInvitations()} makes an invitation by login be accepted at once (the
 * invitee becomes a member), so demonstrations show members rather than pending invitations. An
 * invitation by email always stays pending until accepted.
 *
 * <pre>{@code
 * try (FakeGitHub github = FakeGitHub.start().team("engineering", "Engineering")) {
 *   GitHubConfig config = GitHubConfig.of(FakeGitHub.ORG, Secret.of(FakeGitHub.TOKEN)).withBaseUrl(github.url());
 *   Connector connector = new GitHubConnectorProvider().create(config, ConnectorContext.of("github"));
 *   // ... plan and apply ...
 *   assert github.teamMembers("engineering").contains("adalovelace");
 * }
 * }</pre>
 *
 * <p>Thread-safe: requests and the accessors hold this fake's lock.
 */
public final class FakeGitHub implements AutoCloseable {
  /** The organization login the fake serves. */
  public static final String ORG = "acme";
  /** The token the fake requires ({@code Authorization: Bearer ...}). */
  public static final String TOKEN = "ghp_fake-token-123";

  private final FakeHttpServer server = new FakeHttpServer();
  private final Map<String, Long> users = new TreeMap<>();
  private final Map<String, String> members = new TreeMap<>(); // login -> admin|member
  private final Map<Long, Map<String, Object>> invitations = new TreeMap<>();
  private final Map<String, Map<String, Object>> teams = new TreeMap<>();
  private final Map<String, Map<String, String>> teamMembers = new TreeMap<>(); // slug -> login -> state
  private long nextId = 1000;
  private boolean acceptInvitations;

  /** Starts a fake on a free loopback port. */
  public static FakeGitHub start() {
    return new FakeGitHub();
  }

  private FakeGitHub() {
    server.requireAuthorization("Bearer " + TOKEN);
    String org = "/orgs/" + ORG;
    on("GET", "/users/([^/]+)", c -> FakeHttpServer.Reply.json(200, user(c.group(1))));
    on("GET", org, c -> FakeHttpServer.Reply.json(200, Map.of("login", ORG, "id", 1)));
    on("GET", org + "/memberships/([^/]+)", c -> membership(c.group(1)));
    on("PUT", org + "/memberships/([^/]+)", c -> {
      String login = c.group(1);
      String role = c.json().path("role").asText("member");
      if (members.containsKey(login)) {
        members.put(login, role);
      } else {
        Map<String, Object> inv = invitationOf(login);
        if (inv == null) {
          invite(login, null, role.equals("admin") ? "admin" : "direct_member");
        } else {
          inv.put("role", role.equals("admin") ? "admin" : "direct_member");
        }
      }
      return membership(login);
    });
    on("DELETE", org + "/memberships/([^/]+)", c -> {
      String login = c.group(1);
      Map<String, Object> inv = invitationOf(login);
      if (members.remove(login) == null && inv == null) {
        return FakeHttpServer.Reply.json(404, Map.of("message", "Not Found"));
      }
      if (inv != null) {
        invitations.remove((Long) inv.get("id"));
      }
      teamMembers.values().forEach(m -> m.remove(login));
      return FakeHttpServer.Reply.empty(204);
    });
    on("GET", org + "/members", c -> {
      boolean admins = "admin".equals(c.query().get("role"));
      List<Object> list = new ArrayList<>();
      members.forEach((login, role) -> {
        if (!admins || role.equals("admin")) {
          list.add(user(login));
        }
      });
      return server.linkPaged(c, list);
    });
    on("GET", org + "/invitations", c -> server.linkPaged(c, new ArrayList<>(invitations.values())));
    on("POST", org + "/invitations", c -> {
      var body = c.json();
      String role = body.path("role").asText("direct_member");
      if (body.has("invitee_id")) {
        long id = body.path("invitee_id").asLong();
        String login = users.entrySet().stream().filter(e -> e.getValue() == id).map(Map.Entry::getKey)
            .findFirst().orElse(null);
        if (login == null) {
          return FakeHttpServer.Reply.json(404, Map.of("message", "Not Found"));
        }
        if (members.containsKey(login) || invitationOf(login) != null) {
          return validationFailed("Invitee is already a part of this organization");
        }
        Map<String, Object> invitation = invite(login, null, role);
        if (acceptInvitations) {
          accept(login);
        }
        return FakeHttpServer.Reply.json(201, invitation);
      }
      String email = body.path("email").asText();
      boolean taken = invitations.values().stream().anyMatch(i -> email.equalsIgnoreCase(String.valueOf(i.get("email"))));
      if (taken) {
        return validationFailed("Invitee is already a part of this organization");
      }
      return FakeHttpServer.Reply.json(201, invite(null, email, role));
    });
    on("DELETE", org + "/invitations/(\\d+)", c -> invitations.remove(Long.parseLong(c.group(1))) == null
        ? FakeHttpServer.Reply.json(404, Map.of("message", "Not Found")) : FakeHttpServer.Reply.empty(204));
    on("GET", org + "/teams", c -> server.linkPaged(c, new ArrayList<>(teams.values())));
    on("GET", org + "/teams/([^/]+)", c -> teams.containsKey(c.group(1))
        ? FakeHttpServer.Reply.json(200, teams.get(c.group(1))) : FakeHttpServer.Reply.json(404, Map.of("message", "Not Found")));
    on("GET", org + "/teams/([^/]+)/memberships/([^/]+)", c -> {
      String state = teamMembers.getOrDefault(c.group(1), Map.of()).get(c.group(2));
      return state == null ? FakeHttpServer.Reply.json(404, Map.of("message", "Not Found"))
          : FakeHttpServer.Reply.json(200, Map.of("role", "member", "state", state));
    });
    on("PUT", org + "/teams/([^/]+)/memberships/([^/]+)", c -> {
      String slug = c.group(1);
      String login = c.group(2);
      if (!teams.containsKey(slug)) {
        return FakeHttpServer.Reply.json(404, Map.of("message", "Not Found"));
      }
      String state = members.containsKey(login) ? "active" : "pending";
      teamMembers.get(slug).put(login, state);
      return FakeHttpServer.Reply.json(200, Map.of("role", "member", "state", state));
    });
    on("DELETE", org + "/teams/([^/]+)/memberships/([^/]+)", c -> {
      Map<String, String> m = teamMembers.get(c.group(1));
      return m == null || m.remove(c.group(2)) == null ? FakeHttpServer.Reply.json(404, Map.of("message", "Not Found"))
          : FakeHttpServer.Reply.empty(204);
    });
    on("GET", org + "/teams/([^/]+)/members", c -> {
      List<Object> list = new ArrayList<>();
      teamMembers.getOrDefault(c.group(1), Map.of()).forEach((login, state) -> {
        if (state.equals("active")) {
          list.add(user(login));
        }
      });
      return server.linkPaged(c, list);
    });
    on("GET", org + "/teams/([^/]+)/invitations", c -> {
      List<Object> list = new ArrayList<>();
      teamMembers.getOrDefault(c.group(1), Map.of()).forEach((login, state) -> {
        if (state.equals("pending")) {
          list.add(invitationOf(login));
        }
      });
      return server.linkPaged(c, list);
    });
  }

  /** The base URL to give the connector, {@code http://127.0.0.1:PORT}. */
  public String url() {
    return server.url();
  }

  /** From now on an invitation by login is accepted at once: the invitee becomes a member. */
  public synchronized FakeGitHub acceptingInvitations() {
    this.acceptInvitations = true;
    return this;
  }

  /** Adds a team. */
  public synchronized FakeGitHub team(String slug, String name) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("id", nextId++);
    t.put("slug", slug);
    t.put("name", name);
    t.put("description", "");
    t.put("privacy", "closed");
    teams.put(slug, t);
    teamMembers.put(slug, new TreeMap<>());
    return this;
  }

  /** Adds a member ({@code admin} or {@code member}) who was there before Usher. */
  public synchronized FakeGitHub member(String login, String role) {
    user(login);
    members.put(login, role);
    return this;
  }

  /** The invitee accepts: the invitation becomes a membership, pending team memberships become active. */
  public synchronized void accept(String login) {
    Map<String, Object> inv = invitationOf(login);
    if (inv == null) {
      throw new IllegalArgumentException("no pending invitation for login " + login);
    }
    invitations.remove((Long) inv.get("id"));
    members.put(login, "admin".equals(inv.get("role")) ? "admin" : "member");
    teamMembers.values().forEach(m -> m.replaceAll((l, s) -> l.equals(login) ? "active" : s));
  }

  /** Whether this login is a member or invited. */
  public synchronized boolean isMemberOrInvited(String login) {
    return members.containsKey(login) || invitationOf(login) != null;
  }

  /** The members now, login to role. */
  public synchronized Map<String, String> members() {
    return Map.copyOf(members);
  }

  /** The logins in this team now (active or pending). */
  public synchronized Set<String> teamMembers(String slug) {
    return Set.copyOf(teamMembers.getOrDefault(slug, Map.of()).keySet());
  }

  /** The requests received so far. */
  public List<FakeHttpServer.Call> calls() {
    return server.calls();
  }

  /** Routes a request; handlers hold this fake's lock, so the accessors see whole changes. */
  private void on(String method, String pathRegex, FakeHttpServer.Handler handler) {
    server.on(method, pathRegex, call -> {
      synchronized (this) {
        return handler.handle(call);
      }
    });
  }

  private FakeHttpServer.Reply validationFailed(String message) {
    return FakeHttpServer.Reply.json(422, Map.of("message", "Validation Failed", "errors",
        List.of(Map.of("resource", "OrganizationInvitation", "code", "unprocessable", "field", "data",
            "message", message)), "documentation_url",
        "https://docs.github.com/rest/orgs/members#create-an-organization-invitation"));
  }

  private FakeHttpServer.Reply membership(String login) {
    if (members.containsKey(login)) {
      return FakeHttpServer.Reply.json(200, Map.of("state", "active", "role", members.get(login),
          "organization", Map.of("login", ORG), "user", user(login)));
    }
    Map<String, Object> inv = invitationOf(login);
    if (inv != null) {
      return FakeHttpServer.Reply.json(200, Map.of("state", "pending",
          "role", "admin".equals(inv.get("role")) ? "admin" : "member",
          "organization", Map.of("login", ORG), "user", user(login)));
    }
    return FakeHttpServer.Reply.json(404, Map.of("message", "Not Found",
        "documentation_url", "https://docs.github.com/rest/orgs/members#get-organization-membership-for-a-user"));
  }

  private Map<String, Object> user(String login) {
    long id = users.computeIfAbsent(login, l -> nextId++);
    return Map.of("login", login, "id", id, "type", "User");
  }

  private @Nullable Map<String, Object> invitationOf(String login) {
    return invitations.values().stream().filter(i -> login.equals(i.get("login"))).findFirst().orElse(null);
  }

  private Map<String, Object> invite(@Nullable String login, @Nullable String email, String role) {
    Map<String, Object> inv = new LinkedHashMap<>();
    long id = nextId++;
    inv.put("id", id);
    inv.put("login", login);
    inv.put("email", email);
    inv.put("role", role);
    inv.put("created_at", "2026-12-03T10:00:00Z");
    inv.put("team_count", 0);
    invitations.put(id, inv);
    return inv;
  }

  @Override
  public void close() {
    server.close();
  }
}
