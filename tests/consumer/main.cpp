// Evaluates one case through an installed kanten; exits 0 if the citizen is in Trin 2 and a
// kanten::Error thrown inside the library is caught here by its type (with a shared libkanten,
// the class's type information is exported: KANTEN_EXPORT).
#include <kanten/kanten.hpp>

#include <iostream>

int main() {
  using namespace kanten;
  Case c;
  c.citizen = "c-consumer";
  const Date d(2024, 3, 4);
  c.events = {{d, Visitation{}}, {d, JobformidlerAssigned{"jf-1"}}, {d, CvCompleted{}},
              {d, JobDirectionSet{Goal::employment, {"5131"}}}};
  const Evaluation e = evaluate(c, {.as_of = Date(2024, 3, 31)});
  std::cout << name(e.step) << " (rule set " << e.rule_set << ", kanten " << version_string << ")\n";
  bool caught = false;
  try {
    check_indent(max_indent + 1);
  } catch (const Error& error) {
    caught = error.code() == Errc::invalid_argument && error.field() == "indent";
  }
  if (!caught) {
    std::cout << "kanten::Error from the library was not caught as kanten::Error\n";
    return 1;
  }
  return e.step == Step::trin2_paa_vej_mod_job ? 0 : 1;
}
