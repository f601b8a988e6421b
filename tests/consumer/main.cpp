// Evaluates one case through an installed kanten; exits 0 if the citizen is in Trin 2.
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
  std::cout << name(e.step) << " (rule set " << e.rule_set << ")\n";
  return e.step == Step::trin2_paa_vej_mod_job ? 0 : 1;
}
