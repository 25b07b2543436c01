package dev.usher.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.usher.core.ConfigurationException;
import dev.usher.core.model.AttributeValue;
import dev.usher.core.model.User;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserSourceRegistryTest {

  @Test
  void discoversTheLocalFileSourcesByTypeName() {
    assertThat(UserSourceRegistry.discover().types()).contains("csv", "json", "jsonl");
  }

  @Test
  void opensACsvSourceFromAConfigurationMapWithStringAndObjectColumnSpecs(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("hr.csv");
    Files.writeString(file, "Emp,Mail,Lvl,Groups\nE1,a@example.com,3,x|y\n");

    UserSource source = UserSourceRegistry.discover().open("csv", Map.of(
        "path", file.toString(),
        "name", "hr",
        "columns", Map.of(
            "Emp", "id",
            "Mail", "email",
            "Lvl", Map.of("target", "attributes.level", "type", "number"),
            "Groups", Map.of("target", "roles", "separator", "|"))));

    UserSnapshot s = source.snapshot();
    assertThat(s.source()).isEqualTo("hr");
    User u = s.users().get(0);
    assertThat(u.attributes()).containsEntry("level", AttributeValue.of(3));
    assertThat(u.roles()).containsExactly("x", "y");
  }

  @Test
  void unknownKeyNamesTheKeyAndTheKnownOnes() {
    assertThatThrownBy(() -> UserSourceRegistry.discover().open("jsonl", Map.of("path", "x", "stritc", true)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("stritc: unknown key; expected one of: columns, dateFormat, delimiter, name, path, separator, statusValues, strict");
  }

  @Test
  void badAttributeTypeNamesTheColumn() {
    assertThatThrownBy(() -> UserSourceRegistry.discover().open("csv", Map.of("path", "x",
        "columns", Map.of("L", Map.of("target", "attributes.l", "type", "integer")))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("columns.L.type")
        .hasMessageContaining("unknown attribute type 'integer'; expected one of string, number, boolean, date, timestamp");
  }

  @Test
  void unknownTypeListsTheKnownTypes() {
    assertThatThrownBy(() -> UserSourceRegistry.discover().open("ldap", Map.of()))
        .hasMessage("unknown user source type 'ldap'; known types: csv, json, jsonl");
  }

  @Test
  void twoProvidersClaimingOneTypeIsAnErrorNamingBoth() {
    UserSourceProvider<FileSourceConfig> impostor = new UserSourceProvider<>() {
      @Override
      public String type() {
        return "csv";
      }

      @Override
      public Class<FileSourceConfig> configClass() {
        return FileSourceConfig.class;
      }

      @Override
      public UserSource create(FileSourceConfig config, UserSourceContext context) {
        return CsvUserSource.of(config);
      }
    };
    assertThatThrownBy(() -> UserSourceRegistry.builder().discover().register(impostor).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("two user source providers claim this type: dev.usher.core.source.CsvUserSourceProvider (");
  }
}
