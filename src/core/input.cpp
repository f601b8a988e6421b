// What every reader shares: the indent bound, the CPR check, the nearest known name.
#include "kanten/core/input.hpp"

#include <algorithm>

#include "kanten/core/error.hpp"

namespace kanten::inline v1 {

void check_indent(int indent) {
  if (indent > max_indent)
    throw Error(Errc::invalid_argument, "indent", std::to_string(indent),
                "out of range: from -1 (compact) to " + std::to_string(max_indent));
}

bool looks_like_cpr(std::string_view id) noexcept {
  auto digit = [&](std::size_t i) { return i < id.size() && id[i] >= '0' && id[i] <= '9'; };
  for (std::size_t i = 0; i < id.size(); ++i) {
    if (!digit(i) || (i > 0 && digit(i - 1))) continue;  // the start of a run of digits
    std::size_t j = i;
    while (digit(j)) ++j;
    const std::size_t run = j - i;
    if (run == 10) return true;  // ten digits: DDMMYYXXXX
    // DDMMYY-XXXX or DDMMYY XXXX: a run of six, one separator, a run of exactly four.
    if (run == 6 && j < id.size() && (id[j] == '-' || id[j] == ' ')) {
      std::size_t k = j + 1;
      while (digit(k)) ++k;
      if (k - (j + 1) == 4) return true;
    }
    i = j;
  }
  return false;
}

namespace {
/// Why `id` cannot be an id (empty, or shaped like a CPR number), or nullptr.
const char* id_fault(std::string_view id) noexcept {
  if (id.empty()) return "an id must not be empty";
  // Decision "No CPR numbers" (docs/decisions.md): kanten needs no CPR; the value is not echoed.
  if (looks_like_cpr(id))
    return "looks like a CPR number (ten digits, or DDMMYY-XXXX); kanten takes opaque ids only, never a CPR number";
  return nullptr;
}
}  // namespace

void check_id(const std::string& field, std::string_view id) {
  if (const char* fault = id_fault(id)) throw Error(Errc::invalid_input, field, "", fault);
}

Error unknown_id(Errc code, const std::string& field, std::string_view id, const std::string& what) {
  if (const char* fault = id_fault(id)) return Error(code, field, "", fault);
  return Error(code, field, std::string(id), what);
}

namespace {
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}
}  // namespace

std::string nearest_name(std::string_view unknown, const std::vector<std::string_view>& known) {
  if (unknown.size() > 64) return {};
  const std::size_t limit = std::max<std::size_t>(2, unknown.size() / 3);
  std::string_view best;
  std::size_t best_distance = limit + 1;
  for (auto k : known) {
    const std::size_t d = edit_distance(unknown, k);
    if (d < best_distance) {
      best = k;
      best_distance = d;
    }
  }
  return std::string(best);
}

}  // namespace kanten::inline v1
