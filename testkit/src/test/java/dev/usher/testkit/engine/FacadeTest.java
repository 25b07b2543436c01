package dev.usher.testkit.engine;

import static dev.usher.testkit.UsherAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.core.ConfigurationException;
import dev.usher.core.ProvisioningException;
import dev.usher.core.Usher;
import dev.usher.core.model.User;
import dev.usher.core.plan.Plan;
import dev.usher.testkit.InMemoryConnector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The facade's errors name what is wrong; plans are values that can be applied later. */
class FacadeTest {
  final Fixture f = new Fixture();

  @Test
  void aPolicyForAnotherApplicationIsRejectedByName() {
    assertThatThrownBy(() -> Usher.builder().application("slack", Fixture.slackConnector().build(),
        Fixture.githubPolicy().build()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("application 'slack' was given the policy of application 'github'");
    assertThatThrownBy(() -> Usher.builder()
        .application("slack", Fixture.slackConnector().build(), Fixture.slackPolicy().build())
        .application("slack", Fixture.slackConnector().build(), Fixture.slackPolicy().build()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'slack' is configured twice");
  }

  @Test
  void aFailingOrBrokenUserSourceIsAProvisioningError() {
    Usher failing = f.usher().users(() -> {
      throw new IllegalStateException("HR export unreachable");
    }).application("slack", Fixture.slackConnector().build(), Fixture.slackPolicy().build()).build();
    assertThatThrownBy(failing::plan).isInstanceOf(ProvisioningException.class)
        .hasMessageContaining("the user source failed: HR export unreachable");

    List<User> withNull = new ArrayList<>();
    withNull.add(Fixture.alice());
    withNull.add(null);
    Usher broken = f.usher().users(() -> withNull)
        .application("slack", Fixture.slackConnector().build(), Fixture.slackPolicy().build()).build();
    assertThatThrownBy(broken::plan).isInstanceOf(ProvisioningException.class).hasMessageContaining("null at position 1");
  }

  @Test
  void planForAnUnknownUserSaysSo() {
    Usher usher = f.usher().application("slack", Fixture.slackConnector().build(), Fixture.slackPolicy().build()).build();
    assertThatThrownBy(() -> usher.planFor("nobody")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no user with id 'nobody'");
  }

  @Test
  void aPlanReadBackFromJsonAppliesLikeTheOriginal() {
    InMemoryConnector slack = Fixture.slackConnector().build();
    Usher usher = f.usher().application("slack", slack, Fixture.slackPolicy().build()).build();
    f.users.add(Fixture.alice());
    Plan plan = usher.plan();
    Plan back = Plan.fromJson(plan.toJson());
    assertThat(back).isEqualTo(plan);
    assertThat(usher.apply(back)).isSuccess();
    assertThat(slack.accountByUserName("alice")).isPresent();
  }

  @Test
  void aPlanOfAnotherTenantOrApplicationIsRefused() {
    Usher acme = f.usher().application("slack", Fixture.slackConnector().build(), Fixture.slackPolicy().build()).build();
    Usher globex = f.usher().tenantId("globex")
        .application("github", Fixture.githubConnector().build(), Fixture.githubPolicy().build()).build();
    f.users.add(Fixture.alice());
    Plan plan = acme.plan();
    assertThatThrownBy(() -> globex.apply(plan)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("computed for tenant 'acme'");
    assertThatThrownBy(() -> acme.approve(List.of("slack/alice/delete")))
        .hasMessageContaining("not staged for tenant 'acme': [slack/alice/delete]");
  }
}
