"""The fixed wording of the printables, shared by the PDF templates and the Word workbook.

The two declarations are the OCR Evidence Record Sheet's own words; the rest is guidance
written for this project and holds no fact about any qualification.
"""

from __future__ import annotations

CANDIDATE_DECLARATION = "I confirm that the evidence provided is a result of my own work."
ASSESSOR_DECLARATION = (
    "I confirm that the candidate has demonstrated competence by satisfying all of the criteria for this unit."
)

HOW_TO_USE: tuple[str, ...] = (
    "Fill in your details on the first page.",
    "Each assessment criterion has its own section. Write your response in the box below the criterion, "
    "or say where your evidence for it can be found.",
    "Give each piece of evidence a reference, such as E1, E2, E3, and write the references that support "
    "a criterion in its evidence reference field. The same piece of evidence may support several criteria.",
    "You can type into this workbook in a PDF reader or in the Word version and save it, or print it and "
    "write by hand.",
    "Your assessor records whether each criterion is met or not yet met, gives feedback and dates it.",
    "When the workbook is complete, you and your assessor sign the declaration of authenticity at the end. "
    "Your centre's internal quality assurer may sample the workbook and complete the sampling box.",
)

#: Assessment methods offered in the tracker and named on the record sheet when a unit
#: lists none of its own; a project replaces them with the plugin's
#: ``printables.default_assessment_methods`` option.
DEFAULT_ASSESSMENT_METHODS: tuple[str, ...] = (
    "Observation",
    "Witness testimony",
    "Product evidence",
    "Professional discussion",
    "Questioning",
    "Reflective account",
    "Case study",
)
