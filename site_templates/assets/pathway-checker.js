/* Pathway checker: judges a selection of units against a qualification's rules of combination.
 *
 * evaluate() is a line-for-line port of generator/rules.py:evaluate and must give the same
 * verdict, word for word: tests/qualifications/rule_cases.json is run against both (the
 * JavaScript in Chromium). The rules come from the page, as the JSON the Python side exports.
 * Plain JavaScript, no libraries, nothing fetched.
 */
(function () {
  "use strict";

  function plural(count, noun) {
    return count === 1 ? count + " " + noun : count + " " + noun + "s";
  }

  function joinWords(items) {
    if (items.length <= 1) {
      return items.join("");
    }
    return items.slice(0, -1).join(", ") + " and " + items[items.length - 1];
  }

  function scopeOf(rules, pathway) {
    var groups = rules.groups.slice();
    rules.pathways.forEach(function (item) {
      if (item.name === pathway) {
        groups = groups.concat(item.groups);
      }
    });
    return groups;
  }

  function evaluate(rules, selection) {
    var problems = [];
    var selected = [];
    (selection.units || []).forEach(function (unitId) {
      if (selected.indexOf(unitId) !== -1) {
        return;
      }
      selected.push(unitId);
      if (!Object.prototype.hasOwnProperty.call(rules.units, unitId)) {
        problems.push("Not a unit of this qualification: " + unitId + ".");
      }
    });
    var pathway = selection.pathway === undefined ? null : selection.pathway;
    var names = rules.pathways.map(function (item) { return item.name; });
    if (names.length && pathway === null) {
      problems.push("Choose a pathway.");
    } else if (pathway !== null && names.indexOf(pathway) === -1) {
      problems.push("No such pathway: " + pathway + ".");
      pathway = null;
    }
    var scope = scopeOf(rules, pathway);
    var inScope = [];
    scope.forEach(function (group) { inScope = inScope.concat(group.units); });
    var chosen = selected.filter(function (unitId) { return inScope.indexOf(unitId) !== -1; });
    if (pathway !== null) {
      selected.forEach(function (unitId) {
        if (Object.prototype.hasOwnProperty.call(rules.units, unitId) && inScope.indexOf(unitId) === -1) {
          problems.push("Not part of the " + pathway + " pathway: " + rules.units[unitId].title + ".");
        }
      });
    }

    function creditOf(unitId) {
      return rules.units[unitId].credits || 0;
    }
    function sumCredits(ids) {
      return ids.reduce(function (total, unitId) { return total + creditOf(unitId); }, 0);
    }

    scope.forEach(function (group) {
      var taken = group.units.filter(function (unitId) { return chosen.indexOf(unitId) !== -1; });
      if (group.kind === "mandatory") {
        group.units.forEach(function (unitId) {
          if (chosen.indexOf(unitId) === -1) {
            problems.push(group.name + ": mandatory unit not selected: " + rules.units[unitId].title + ".");
          }
        });
        return;
      }
      var count = taken.length;
      var credits = sumCredits(taken);
      if (group.min_units !== null && count < group.min_units) {
        problems.push(group.name + ": select at least " + plural(group.min_units, "unit") + "; " + count + " selected.");
      }
      if (group.max_units !== null && count > group.max_units) {
        problems.push(group.name + ": select at most " + plural(group.max_units, "unit") + "; " + count + " selected.");
      }
      if (group.min_credits !== null && credits < group.min_credits) {
        problems.push(group.name + ": needs at least " + plural(group.min_credits, "credit") + "; " + credits + " selected.");
      }
      if (group.max_credits !== null && credits > group.max_credits) {
        problems.push(group.name + ": allows at most " + plural(group.max_credits, "credit") + "; " + credits + " selected.");
      }
    });

    rules.barred.forEach(function (combination) {
      var together = combination.filter(function (unitId) { return selected.indexOf(unitId) !== -1; });
      if (together.length >= 2) {
        var titles = joinWords(together.map(function (unitId) { return rules.units[unitId].title; }));
        problems.push("Barred combination: " + titles + " cannot be taken together.");
      }
    });

    var total = sumCredits(chosen);
    if (rules.minimum_credits !== null && total < rules.minimum_credits) {
      problems.push("Needs at least " + plural(rules.minimum_credits, "credit") + " in total; " + total + " selected.");
    }
    if (rules.level_rule !== null) {
      var wording = rules.level_rule.wording;
      var needed = rules.level_rule.credits;
      var atLevel = sumCredits(chosen.filter(function (unitId) { return rules.units[unitId].at_rule_level; }));
      if (atLevel < needed) {
        problems.push("Needs at least " + plural(needed, "credit") + " at " + wording + " or above; " + atLevel + " selected.");
      }
    }

    var creditsKnown = chosen.every(function (unitId) { return rules.units[unitId].credits !== null; });
    var glhKnown = chosen.every(function (unitId) { return rules.units[unitId].glh !== null; });
    var glh = chosen.reduce(function (sum, unitId) { return sum + (rules.units[unitId].glh || 0); }, 0);
    return {
      meets: problems.length === 0,
      credits: creditsKnown ? total : null,
      glh: glhKnown ? glh : null,
      problems: problems
    };
  }

  function element(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function render(region, verdict) {
    var parts = [];
    var summary = element("p");
    summary.className = "qh-verdict-summary " + (verdict.meets ? "qh-verdict--meets" : "qh-verdict--not-yet");
    summary.appendChild(element("strong", verdict.meets ? "Meets the rules." : "Does not meet the rules yet."));
    parts.push(summary);
    var totals = "Credit total: " + (verdict.credits === null ? "not stated for every selected unit" : plural(verdict.credits, "credit")) + ".";
    if (verdict.glh !== null) {
      totals += " Guided learning hours: " + verdict.glh + ".";
    }
    parts.push(element("p", totals));
    if (verdict.problems.length) {
      parts.push(element("p", "Still to do:"));
      var list = element("ul");
      verdict.problems.forEach(function (problem) { list.appendChild(element("li", problem)); });
      parts.push(list);
    }
    region.replaceChildren.apply(region, parts);
  }

  function selectionOf(form) {
    var checked = form.querySelector("input[name=pathway]:checked");
    var pathway = checked ? checked.value : null;
    var units = [];
    form.querySelectorAll("fieldset.qh-checker-group").forEach(function (fieldset) {
      var own = fieldset.getAttribute("data-pathway");
      var active = own === null || own === pathway;
      fieldset.hidden = !active;
      if (!active) {
        return;
      }
      fieldset.querySelectorAll("input[name=unit]:checked").forEach(function (box) { units.push(box.value); });
    });
    return { pathway: pathway, units: units };
  }

  function attach(form) {
    var data = document.getElementById(form.getAttribute("data-qh-checker"));
    var region = document.getElementById(form.getAttribute("data-qh-verdict"));
    if (!data || !region) {
      return;
    }
    var rules = JSON.parse(data.textContent);
    var update = function () { render(region, evaluate(rules, selectionOf(form))); };
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    update();
  }

  window.QualificationRules = { evaluate: evaluate };
  if (typeof document !== "undefined") {
    var start = function () { document.querySelectorAll("form[data-qh-checker]").forEach(attach); };
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", start);
    } else {
      start();
    }
  }
})();
