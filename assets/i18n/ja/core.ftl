# コア（品目名・警告・注意事項・日付）の文字列。キーは固定。

item-consultation = 診察料
item-consultation-first = 初診料
item-consultation-return = 再診料
item-medication = お薬代
item-blood_test = 血液検査
item-urine_test = 尿妊娠検査
item-package = 月額パッケージ料金
item-tax = 消費税
item-subtotal = 小計
item-total = 合計

sex-female = 女性
sex-male = 男性
visit-first = 初診
visit-return = 再診
visit-none = 受診なし

warn-dose-above-2-mg-per-kg = { $month }か月目：{ $mgkg } mg/kg/日は上限の 2 mg/kg/日を超えています。
warn-month1-above-1-mg-per-kg = 1か月目：{ $mgkg } mg/kg/日。開始量は 1 mg/kg/日以下（通常 0.5 以下）とし、毎月の受診時に増量してください。
warn-cumulative-below-120 = 累積投与量 { $mgkg } mg/kg は、再発を減らす 120〜150 mg/kg に達していません。
warn-cumulative-above-220 = 累積投与量 { $mgkg } mg/kg は 220 mg/kg を超えています。
warn-course-over-20-weeks = 治療期間は約 { $weeks } 週です。添付文書の一つでは推奨最長期間は 20 週です。
warn-course-over-8-months = 治療期間 { $months } か月は、最長 8 か月（標準 6 か月、効果が遅い場合 8 か月まで延長）を超えています。

caution-contraception-women = 服用中および最終服用後 { $months } か月間は確実な避妊が必要です。服用開始前と毎回の受診時に妊娠検査を行います。
caution-contraception-women-until = 服用中および { $date } まで（最終服用後 { $months } か月間）確実な避妊が必要です。服用開始前と毎回の受診時に妊娠検査を行います。
caution-contraception-men = 服用中および最終服用後 { $months } か月間は、パートナーの妊娠を避けてください。
caution-contraception-men-until = 服用中および { $date } まで（最終服用後 { $months } か月間）、パートナーの妊娠を避けてください。
caution-tests-at-visits = 表に示す受診時に血液検査（女性は妊娠検査も）を行います。
caution-sun-and-laser = 服用中および服用終了後 { $months } か月間は日焼けを避け、レーザー・光治療を受けないでください。
caution-sun-and-laser-until = { $date } までは日焼けを避け、レーザー・光治療を受けないでください。
caution-take-after-meal = 食後すぐに服用してください。飲み忘れた場合は同じ日の次の食後に服用し、翌日に2回分を飲まないでください。
caution-unapproved-japan = イソトレチノインは国内未承認薬のため自費診療となり、医薬品副作用被害救済制度の対象外です。
