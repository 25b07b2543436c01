package dev.usher.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A person from a user source: who they are and where they stand in the organisation.
 *
 * <p>Immutable and compared by value. Build one with {@link #builder(String)} and derive a
 * changed copy with {@link #toBuilder()}:
 *
 * <pre>{@code
 * User alice = User.builder("E1001")
 *     .userName("alice").givenName("Alice").familyName("Liddell")
 *     .email("alice@example.com").department("Engineering").title("SRE")
 *     .role("engineer").attribute("costCenter", "CC-42")
 *     .build();
 * User moved = alice.toBuilder().department("Finance").build();
 * }</pre>
 *
 * @param id stable id from the source (an employee id); never reused for another person
 * @param userName login name in the source, if it has one
 * @param givenName given (first) name
 * @param familyName family (last) name
 * @param displayName name to show; when absent, consumers may build one from the parts
 * @param emails addresses, the primary one first by convention
 * @param phoneNumbers phone numbers
 * @param department organisational unit
 * @param title job title
 * @param roles role names from the source, sorted
 * @param managerId the {@link #id()} of this person's manager
 * @param status ACTIVE, SUSPENDED or TERMINATED
 * @param startDate first working day
 * @param endDate last working day, when known
 * @param attributes custom attributes, sorted by name
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record User(
    @NotBlank String id,
    @Nullable String userName,
    @Nullable String givenName,
    @Nullable String familyName,
    @Nullable String displayName,
    List<@Valid @NotNull Email> emails,
    List<@Valid @NotNull PhoneNumber> phoneNumbers,
    @Nullable String department,
    @Nullable String title,
    Set<@NotBlank String> roles,
    @Nullable String managerId,
    @NotNull UserStatus status,
    @Nullable LocalDate startDate,
    @Nullable LocalDate endDate,
    Map<@NotBlank String, @NotNull AttributeValue> attributes) {

  public User {
    Objects.requireNonNull(id, "id");
    emails = Copies.list(emails, "emails");
    phoneNumbers = Copies.list(phoneNumbers, "phoneNumbers");
    roles = Copies.sortedSet(roles, "roles");
    status = status == null ? UserStatus.ACTIVE : status;
    attributes = Copies.attributes(attributes, "attributes");
  }

  /** A builder for the user with this stable id; status defaults to ACTIVE. */
  public static Builder builder(String id) {
    return new Builder(Objects.requireNonNull(id, "id"));
  }

  /** A builder holding this user's values, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder(id);
    b.userName = userName;
    b.givenName = givenName;
    b.familyName = familyName;
    b.displayName = displayName;
    b.emails.addAll(emails);
    b.phoneNumbers.addAll(phoneNumbers);
    b.department = department;
    b.title = title;
    b.roles.addAll(roles);
    b.managerId = managerId;
    b.status = status;
    b.startDate = startDate;
    b.endDate = endDate;
    b.attributes.putAll(attributes);
    return b;
  }

  /** The primary email, else the first one, else empty. */
  public Optional<String> primaryEmail() {
    for (Email e : emails) {
      if (e.primary()) {
        return Optional.of(e.value());
      }
    }
    return emails.isEmpty() ? Optional.empty() : Optional.of(emails.get(0).value());
  }

  /** A custom attribute by name. */
  public Optional<AttributeValue> attribute(String name) {
    return Optional.ofNullable(attributes.get(name));
  }

  /** Builds {@link User}s; not thread-safe. */
  public static final class Builder {
    private final String id;
    private @Nullable String userName;
    private @Nullable String givenName;
    private @Nullable String familyName;
    private @Nullable String displayName;
    private final List<Email> emails = new ArrayList<>();
    private final List<PhoneNumber> phoneNumbers = new ArrayList<>();
    private @Nullable String department;
    private @Nullable String title;
    private final List<String> roles = new ArrayList<>();
    private @Nullable String managerId;
    private UserStatus status = UserStatus.ACTIVE;
    private @Nullable LocalDate startDate;
    private @Nullable LocalDate endDate;
    private final Map<String, AttributeValue> attributes = new LinkedHashMap<>();

    private Builder(String id) {
      this.id = id;
    }

    public Builder userName(@Nullable String userName) {
      this.userName = userName;
      return this;
    }

    public Builder givenName(@Nullable String givenName) {
      this.givenName = givenName;
      return this;
    }

    public Builder familyName(@Nullable String familyName) {
      this.familyName = familyName;
      return this;
    }

    public Builder displayName(@Nullable String displayName) {
      this.displayName = displayName;
      return this;
    }

    /** Adds a work address; the first one added becomes primary. */
    public Builder email(String address) {
      Objects.requireNonNull(address, "address");
      emails.add(new Email(address, "work", emails.isEmpty()));
      return this;
    }

    public Builder email(Email email) {
      emails.add(Objects.requireNonNull(email, "email"));
      return this;
    }

    /** Replaces all addresses. */
    public Builder emails(List<Email> emails) {
      this.emails.clear();
      emails.forEach(this::email);
      return this;
    }

    public Builder phoneNumber(PhoneNumber phone) {
      phoneNumbers.add(Objects.requireNonNull(phone, "phone"));
      return this;
    }

    /** Replaces all phone numbers. */
    public Builder phoneNumbers(List<PhoneNumber> phones) {
      phoneNumbers.clear();
      phones.forEach(this::phoneNumber);
      return this;
    }

    public Builder department(@Nullable String department) {
      this.department = department;
      return this;
    }

    public Builder title(@Nullable String title) {
      this.title = title;
      return this;
    }

    public Builder role(String role) {
      roles.add(Objects.requireNonNull(role, "role"));
      return this;
    }

    /** Replaces all roles. */
    public Builder roles(java.util.Collection<String> roles) {
      this.roles.clear();
      roles.forEach(this::role);
      return this;
    }

    public Builder managerId(@Nullable String managerId) {
      this.managerId = managerId;
      return this;
    }

    public Builder status(UserStatus status) {
      this.status = Objects.requireNonNull(status, "status");
      return this;
    }

    public Builder startDate(@Nullable LocalDate startDate) {
      this.startDate = startDate;
      return this;
    }

    public Builder endDate(@Nullable LocalDate endDate) {
      this.endDate = endDate;
      return this;
    }

    /** Sets a custom attribute from a plain Java value (see {@link AttributeValue#from}). */
    public Builder attribute(String name, Object value) {
      attributes.put(Objects.requireNonNull(name, "name"), AttributeValue.from(value));
      return this;
    }

    public Builder removeAttribute(String name) {
      attributes.remove(name);
      return this;
    }

    /** Replaces all custom attributes. */
    public Builder attributes(Map<String, AttributeValue> attributes) {
      this.attributes.clear();
      this.attributes.putAll(attributes);
      return this;
    }

    public User build() {
      return new User(
          id, userName, givenName, familyName, displayName, emails, phoneNumbers, department,
          title, new java.util.TreeSet<>(roles), managerId, status, startDate, endDate, attributes);
    }
  }
}
