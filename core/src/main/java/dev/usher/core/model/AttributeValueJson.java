package dev.usher.core.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Jackson form of {@link AttributeValue}: natural JSON, with tagged dates and timestamps. */
final class AttributeValueJson {
  static final String DATE_TAG = "$date";
  static final String TIMESTAMP_TAG = "$timestamp";

  private AttributeValueJson() {}

  static final class Serializer extends StdSerializer<AttributeValue> {
    private static final long serialVersionUID = 1L;

    Serializer() {
      super(AttributeValue.class);
    }

    @Override
    public void serialize(AttributeValue value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      if (value instanceof AttributeValue.StringValue s) {
        gen.writeString(s.value());
      } else if (value instanceof AttributeValue.BooleanValue b) {
        gen.writeBoolean(b.value());
      } else if (value instanceof AttributeValue.NumberValue n) {
        gen.writeNumber(n.value());
      } else if (value instanceof AttributeValue.DateValue d) {
        gen.writeStartObject();
        gen.writeStringField(DATE_TAG, d.value().toString());
        gen.writeEndObject();
      } else if (value instanceof AttributeValue.TimestampValue t) {
        gen.writeStartObject();
        gen.writeStringField(TIMESTAMP_TAG, t.value().toString());
        gen.writeEndObject();
      } else if (value instanceof AttributeValue.ListValue l) {
        gen.writeStartArray();
        for (AttributeValue v : l.values()) {
          serialize(v, gen, provider);
        }
        gen.writeEndArray();
      } else if (value instanceof AttributeValue.ObjectValue o) {
        gen.writeStartObject();
        for (Map.Entry<String, AttributeValue> e : o.fields().entrySet()) {
          gen.writeFieldName(e.getKey());
          serialize(e.getValue(), gen, provider);
        }
        gen.writeEndObject();
      }
    }
  }

  static final class Deserializer extends StdDeserializer<AttributeValue> {
    private static final long serialVersionUID = 1L;

    Deserializer() {
      super(AttributeValue.class);
    }

    @Override
    public AttributeValue deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken t = p.currentToken();
      switch (t) {
        case VALUE_STRING:
          return new AttributeValue.StringValue(p.getText());
        case VALUE_TRUE:
          return new AttributeValue.BooleanValue(true);
        case VALUE_FALSE:
          return new AttributeValue.BooleanValue(false);
        case VALUE_NUMBER_INT:
        case VALUE_NUMBER_FLOAT:
          return new AttributeValue.NumberValue(p.getDecimalValue());
        case START_ARRAY: {
          List<AttributeValue> values = new ArrayList<>();
          int index = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
              throw ctxt.weirdStringException(
                  "null", AttributeValue.class,
                  "list element [" + index + "] is null; attribute lists cannot hold nulls");
            }
            values.add(deserialize(p, ctxt));
            index++;
          }
          return new AttributeValue.ListValue(values);
        }
        case START_OBJECT:
        case FIELD_NAME: {
          Map<String, AttributeValue> fields = new LinkedHashMap<>();
          String name = t == JsonToken.FIELD_NAME ? p.currentName() : p.nextFieldName();
          while (name != null) {
            JsonToken vt = p.nextToken();
            if (vt == JsonToken.VALUE_NULL) {
              // An explicit null means "absent": leave it out.
            } else {
              fields.put(name, deserialize(p, ctxt));
            }
            name = p.nextFieldName();
          }
          return tagged(fields, p, ctxt);
        }
        default:
          return (AttributeValue)
              ctxt.handleUnexpectedToken(
                  AttributeValue.class,
                  t,
                  p,
                  "expected a string, boolean, number, list or object for an attribute value, found %s",
                  t);
      }
    }

    private static AttributeValue tagged(
        Map<String, AttributeValue> fields, JsonParser p, DeserializationContext ctxt)
        throws IOException {
      if (fields.size() == 1) {
        Map.Entry<String, AttributeValue> only = fields.entrySet().iterator().next();
        if (only.getValue() instanceof AttributeValue.StringValue s) {
          try {
            if (only.getKey().equals(DATE_TAG)) {
              return new AttributeValue.DateValue(LocalDate.parse(s.value()));
            }
            if (only.getKey().equals(TIMESTAMP_TAG)) {
              return new AttributeValue.TimestampValue(Instant.parse(s.value()));
            }
          } catch (DateTimeParseException e) {
            throw ctxt.weirdStringException(
                s.value(),
                AttributeValue.class,
                only.getKey().equals(DATE_TAG)
                    ? "expected an ISO-8601 date such as 2026-12-03"
                    : "expected an ISO-8601 instant such as 2026-12-03T10:15:30Z");
          }
        }
      }
      return new AttributeValue.ObjectValue(fields);
    }

    @Override
    public AttributeValue getNullValue(DeserializationContext ctxt) {
      return null;
    }
  }
}
