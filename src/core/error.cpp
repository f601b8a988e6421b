// kanten::Error: one message format, naming the field and the value.
#include "kanten/core/error.hpp"

namespace kanten::inline v1 {
namespace {
std::string compose(const std::string& field, const std::string& value, const std::string& message) {
  std::string out;
  if (!field.empty()) out += "field '" + field + "': ";
  if (!value.empty()) out += "value '" + value + "': ";
  out += message;
  return out;
}
}  // namespace

Error::Error(Errc code, std::string field, std::string value, const std::string& message)
    : std::runtime_error(compose(field, value, message)), code_(code), field_(std::move(field)), value_(std::move(value)), message_(message) {}

}  // namespace kanten::inline v1
