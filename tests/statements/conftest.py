"""Statement texts shared by the statement and intake tests."""

from __future__ import annotations

ENGLISH = (
    "The Security Council and the International Organization of la Francophonie share a "
    "commitment to prevention. Our delegation welcomes the cooperation agreement of 1997 and "
    "its results in the Sahel, where mediation and electoral support have saved lives."
)
FRENCH = (
    "Le Conseil de sécurité et l'Organisation internationale de la Francophonie partagent un "
    "même attachement à la prévention. Notre délégation salue l'accord de coopération de 1997 "
    "et ses résultats au Sahel, où la médiation et l'assistance électorale ont sauvé des vies."
)
ARABIC = (
    "يرحب وفدنا بالتعاون بين الأمم المتحدة والمنظمة الدولية للفرانكوفونية في مجال منع "
    "النزاعات، ويؤكد أهمية تعدد اللغات في عمليات حفظ السلام وفي تدريب الأفراد."
)
CHINESE = "我国代表团欢迎联合国与法语国家国际组织在预防冲突方面的合作，并强调多种语文在维持和平行动中的重要性。"
