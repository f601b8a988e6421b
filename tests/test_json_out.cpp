// The direct JSON text writer (src/core/json_out.hpp) against nlohmann's printer, which it must
// match byte for byte: every shape of value at indents -1, 0, 1, 2 and 4 and at any depth,
// strings that need escaping, non-ASCII text and text that is not valid UTF-8 (replaced by
// U+FFFD); and the documents written with it (cases, caseloads, evaluations with alerts) are
// exactly what nlohmann prints when it reads them back.
#include "helpers.hpp"

#include "core/json_out.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

using namespace kt;
using ojson = nlohmann::ordered_json;

namespace {

/// nlohmann's text of `v` as kanten prints its documents (json_text::dump).
std::string printed(const ojson& v, int indent) {
  return v.dump(indent < 0 ? -1 : indent, ' ', false, ojson::error_handler_t::replace);
}

/// Writes `v` through JsonOut's calls (never json_value), walking the value.
void walk(JsonOut& w, const ojson& v) {
  switch (v.type()) {
    case ojson::value_t::object:
      w.begin_object();
      for (auto it = v.begin(); it != v.end(); ++it) {
        w.key(it.key());
        walk(w, it.value());
      }
      w.end_object();
      break;
    case ojson::value_t::array:
      w.begin_array();
      for (const auto& x : v) walk(w, x);
      w.end_array();
      break;
    case ojson::value_t::string: w.value(v.get_ref<const std::string&>()); break;
    case ojson::value_t::boolean: w.value(v.get<bool>()); break;
    case ojson::value_t::number_integer: w.value(v.get<std::int64_t>()); break;
    case ojson::value_t::number_unsigned: w.value(v.get<std::uint64_t>()); break;
    case ojson::value_t::number_float: w.value(v.get<double>()); break;
    default: w.null(); break;
  }
}

std::string written(const ojson& v, int indent, int depth = 0) {
  std::string out;
  JsonOut w(out, indent, depth);
  walk(w, v);
  w.flush();
  return out;
}

/// A small deterministic PRNG (splitmix64), so the shapes are the same on every run.
struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::uint64_t below(std::uint64_t n) { return next() % n; }
};

/// Bytes drawn mostly from where UTF-8 is decided: continuation bytes, lead bytes of every
/// length, the bytes that are never valid, ASCII controls and a few plain letters.
std::string random_bytes(Rng& r, std::size_t max_len) {
  static const std::vector<unsigned char> pool = {
      'a', 'Z', ' ', '"', '\\', '/', 0x00, 0x01, 0x08, 0x09, 0x0A, 0x0C, 0x0D, 0x1F, 0x7F, 0x80, 0x8F, 0x90,
      0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xC3, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1,
      0xF3, 0xF4, 0xF5, 0xF8, 0xFE, 0xFF};
  std::string s;
  const std::size_t n = r.below(max_len + 1);
  for (std::size_t i = 0; i < n; ++i)
    s += static_cast<char>(r.below(4) == 0 ? r.below(256) : pool[r.below(pool.size())]);
  return s;
}

/// A random value `levels` deep at most, with empty and one-member containers, odd keys and
/// strings among ordinary ones.
ojson random_value(Rng& r, int levels) {
  const auto kind = r.below(levels > 0 ? 9 : 6);
  switch (kind) {
    case 0: return nullptr;
    case 1: return r.below(2) == 1;
    case 2: return static_cast<std::int64_t>(r.next());
    case 3: return r.next() >> r.below(64);
    case 4: return random_bytes(r, 6);
    case 5: return std::string(r.below(3) == 0 ? "æøå §" : "plain");
    case 6:
    case 7: {
      ojson o = ojson::object();
      const auto n = r.below(4);
      for (std::uint64_t i = 0; i < n; ++i) o[(r.below(3) == 0 ? random_bytes(r, 4) : "k") + std::to_string(i)] = random_value(r, levels - 1);
      return o;
    }
    default: {
      ojson a = ojson::array();
      const auto n = r.below(4);
      for (std::uint64_t i = 0; i < n; ++i) a.push_back(random_value(r, levels - 1));
      return a;
    }
  }
}

const std::vector<int> indents = {-1, 0, 1, 2, 4};

}  // namespace

TEST_CASE("JsonOut: fixed shapes are written exactly as nlohmann prints them at every indent", "[json_out]") {
  const std::vector<ojson> shapes = {
      ojson::object(),
      ojson::array(),
      ojson{{"a", 1}, {"b", ojson::array({1, 2})}},
      ojson{{"empty_object", ojson::object()}, {"empty_array", ojson::array()}, {"null", nullptr}},
      ojson::array({ojson::object(), ojson::array(), ojson::array({ojson::array({ojson::array()})})}),
      ojson{{"nested", {{"deeper", {{"deepest", ojson::array({true, false, nullptr, -1, 0, "x"})}}}}}},
      ojson(42),
      ojson(-9223372036854775807LL - 1),
      ojson(18446744073709551615ULL),
      ojson("text"),
      ojson(true),
      ojson(nullptr),
      ojson{{"", ""}, {"quote\"key", "back\\slash"}, {"ctl\x01", "tab\there"}},
  };
  for (const auto& v : shapes)
    for (int indent : indents) {
      INFO("indent " << indent << ": " << printed(v, -1));
      CHECK(written(v, indent) == printed(v, indent));
    }
}

TEST_CASE("JsonOut: random nested values match nlohmann at every indent", "[json_out]") {
  Rng r{2024};
  for (int i = 0; i < 400; ++i) {
    const ojson v = random_value(r, 5);
    for (int indent : indents) {
      INFO("value " << i << ", indent " << indent);
      REQUIRE(written(v, indent) == printed(v, indent));
    }
  }
}

TEST_CASE("JsonOut: a value written at a depth is what the whole document's printer writes there", "[json_out]") {
  Rng r{99};
  for (int i = 0; i < 100; ++i) {
    const ojson inner = random_value(r, 3);
    // {"outer": [x, inner]} puts inner at depth 2; the text of the rest is JsonOut's own.
    const ojson doc{{"outer", ojson::array({"x", inner})}};
    for (int indent : indents) {
      std::string out;
      JsonOut w(out, indent);
      w.begin_object();
      w.key("outer").begin_array();
      w.value("x");
      const int depth = w.raw_value();
      CHECK(depth == 2);
      out += written(inner, indent, depth);
      w.end_array();
      w.end_object();
      w.flush();
      INFO("value " << i << ", indent " << indent);
      REQUIRE(out == printed(doc, indent));
    }
  }
}

TEST_CASE("JsonOut: a value built by nlohmann is printed at the depth it has", "[json_out]") {
  const ojson part{{"a", ojson::array({1, ojson::object()})}, {"b", "c"}};
  const ojson doc{{"x", 1}, {"part", part}, {"list", ojson::array({part})}};
  for (int indent : indents) {
    std::string out;
    JsonOut w(out, indent);
    w.begin_object();
    w.key("x").value(1);
    w.key("part").json_value(part);
    w.key("list").begin_array();
    w.json_value(part);
    w.end_array();
    w.end_object();
    w.flush();
    CHECK(out == printed(doc, indent));
  }
}

TEST_CASE("JsonOut: strings are escaped as nlohmann escapes them, invalid UTF-8 replaced", "[json_out]") {
  std::vector<std::string> strings = {
      "",
      "plain text",
      "quote \" and backslash \\ and slash /",
      "\b\f\n\r\t",
      std::string("nul \0 inside", 12),
      "\x01\x02\x1e\x1f\x7f",
      "Danish: æøå ÆØÅ, § 3, “quoted”, emoji 😀, U+FFFF \xef\xbf\xbf, U+10FFFF \xf4\x8f\xbf\xbf",
      "lone continuation \x80",
      "truncated two-byte \xc3",
      "truncated three-byte \xe2\x82",
      "truncated at the end \xf0\x9f\x98",
      "overlong \xc0\xaf and \xe0\x80\xaf and \xf0\x80\x80\xaf",
      "surrogate \xed\xa0\x80 and \xed\xbf\xbf",
      "above U+10FFFF \xf4\x90\x80\x80 and \xf5\x80\x80\x80",
      "never valid \xfe\xff",
      "invalid then valid \xff\xc3\xa6 then \x80\"\n",
      "valid after a broken lead \xe2\x28\xa1",
  };
  // Longer than the writer's buffer: invalid UTF-8 found after part of the string was handed on,
  // escapes and letters across the buffer's end.
  strings.push_back(std::string(5000, 'a') + "\xff");
  strings.push_back(std::string(4095, 'b') + "\x01" + std::string(4095, 'c') + "\xc3\xa6");
  std::string long_mixed;
  for (int i = 0; i < 2000; ++i) long_mixed += "æ\"x\n";
  strings.push_back(long_mixed);
  strings.push_back(long_mixed + "\xed\xa0\x80");
  // Every single byte, and every byte pair between two letters.
  for (int b = 0; b < 256; ++b) strings.emplace_back(1, static_cast<char>(b));
  for (int a = 0x80; a < 256; ++a)
    for (int b = 0; b < 256; ++b) strings.push_back(std::string("x") + static_cast<char>(a) + static_cast<char>(b) + "y");
  Rng r{7};
  for (int i = 0; i < 50000; ++i) strings.push_back(random_bytes(r, 8));

  std::size_t mismatches = 0;
  for (const auto& s : strings) {
    std::string out;
    append_json_string(out, s);
    const std::string expected = printed(ojson(s), -1);
    if (out != expected && ++mismatches <= 5) CHECK(out == expected);
    // As a key too.
    std::string keyed;
    JsonOut w(keyed, -1);
    w.begin_object();
    w.key(s).value(s);
    w.end_object();
    w.flush();
    const std::string expected_keyed = printed(ojson{{s, s}}, -1);
    if (keyed != expected_keyed && ++mismatches <= 5) CHECK(keyed == expected_keyed);
  }
  CHECK(mismatches == 0);
}

TEST_CASE("JsonOut: dates, months, optional values and empty ids", "[json_out]") {
  std::string out;
  JsonOut w(out, -1);
  w.begin_array();
  w.date(D("2024-02-29"));
  w.date(Date());
  w.date(std::optional<Date>());
  w.date(std::optional<Date>(D("1400-01-01")));
  w.month(M("2019-03"));
  w.value(std::optional<std::int64_t>());
  w.value(std::optional<std::int64_t>(-5));
  w.string_or_null("");
  w.string_or_null("id");
  w.end_array();
  w.flush();
  CHECK(out == R"(["2024-02-29",null,null,"1400-01-01","2019-03",null,-5,null,"id"])");
}

namespace {

/// A generated caseload with a few cases made odd: ids and free text that need escaping, Danish
/// letters, and bytes that are not valid UTF-8.
Caseload odd_caseload() {
  GeneratorOptions g;
  g.citizens = 300;
  g.seed = 31;
  Caseload load = generate_caseload(g);
  const std::vector<std::string> odd = {"quote\" back\\slash", "ctl\x01\x1f\n\t", "æøå §", "bad\xff",
                                        "cut\xe2\x82", "sur\xed\xa0\x80", ""};
  for (std::size_t i = 0; i < odd.size(); ++i) {
    Case& c = load.cases[i];
    c.citizen += odd[i];
    c.events.push_back(Event{D("2019-03-01"), JobDirectionSet{Goal::employment, odd}});
    c.events.push_back(Event{D("2019-04-01"), ReasonableCause{odd[(i + 1) % odd.size()], CauseKind::other, odd[i]}});
    InputIssue issue;
    issue.index = c.events.size();
    issue.field = odd[(i + 2) % odd.size()];
    issue.value = odd[(i + 3) % odd.size()];
    issue.reason = odd[i];
    c.rejected.push_back(issue);
    c.warnings.push_back(InputWarning{odd[i], odd[(i + 4) % odd.size()]});
  }
  return load;
}

/// nlohmann reads `text` and prints it again at `indent`: the same text when `text` is exactly
/// nlohmann's layout.
std::string reprinted(const std::string& text, int indent) { return printed(ojson::parse(text), indent); }

}  // namespace

TEST_CASE("JsonOut: cases and caseloads are written in nlohmann's exact layout", "[json_out]") {
  const Caseload load = odd_caseload();
  for (int indent : {-1, 0, 2}) {
    const std::string all = to_json(load, indent);
    CHECK(reprinted(all, indent) == all);
    for (std::size_t i = 0; i < load.cases.size(); i += 7) {
      const std::string one = to_json(load.cases[i], indent);
      INFO("case " << i << ", indent " << indent);
      REQUIRE(reprinted(one, indent) == one);
    }
  }
  // The odd bytes are written replaced, and read back as the replacement character.
  CHECK(to_json(load.cases[3], -1).find("bad\xef\xbf\xbd") != std::string::npos);
}

TEST_CASE("JsonOut: evaluations with alerts, as of several dates, are written in nlohmann's exact layout",
          "[json_out]") {
  const Caseload load = odd_caseload();
  std::size_t alerts = 0, sanctions = 0;
  for (const char* as_of : {"2019-06-30", "2020-01-31", "2020-09-15", "2021-12-31"}) {
    EvaluateOptions opts;
    opts.as_of = D(as_of);
    opts.daily_rate = 45'000;
    opts.alerts.inactive_days = 30;
    opts.alerts.trin2_days = 60;
    opts.alerts.stagnation_months = 2;
    const auto es = evaluate_all(load, opts);
    for (int indent : {-1, 0, 2}) {
      const std::string all = to_json(es, indent);
      INFO("as of " << as_of << ", indent " << indent);
      CHECK(reprinted(all, indent) == all);
      for (std::size_t i = 0; i < es.size(); i += 5) {
        const std::string one = to_json(es[i], indent);
        INFO("evaluation " << i);
        REQUIRE(reprinted(one, indent) == one);
        for (const auto& a : es[i].sanctions) {
          const std::string answer = to_json(es[i], a, indent);
          REQUIRE(reprinted(answer, indent) == answer);
        }
      }
      const std::string worklist = to_json(followup_worklist(es), opts.as_of, indent);
      CHECK(reprinted(worklist, indent) == worklist);
    }
    for (const auto& e : es) {
      alerts += e.alerts.size();
      sanctions += e.sanctions.size();
    }
  }
  // The sample holds what is compared: alerts and sanction answers are written.
  CHECK(alerts > 0);
  CHECK(sanctions > 0);
}
