# 가격표를 데이터로: CSV 가져오기, 일괄 변경, prices 명령. 키는 고정.

prices-not-a-price = "{ $got }"은(는) 가격이 아닙니다: 통화의 최소 단위(엔, 원, 센트)의 정수로 쓰거나, 비율 할인은 10 또는 8.875 같은 비율로 쓰세요
prices-negative = 가격은 음수일 수 없습니다({ $got }): 0 이상의 정수로 쓰세요
prices-too-large = { $got }은(는) 가격표에 쓸 수 있는 최대 가격({ $max })보다 큽니다
prices-schedule = "{ $got }"은(는) 일정이 아닙니다: 예 "everyone", "women; at_months=1 2 3", "everyone; monthly_first_months=2; every_months=2", "everyone; after_weeks=4", "everyone; as_needed"(검사), "first_visit" 또는 "course"(수수료), "medication", "month=1" 또는 "course"(할인)
prices-schedule-too-late = { $got }은(는) 일정의 한도 { $max }을(를) 넘습니다
prices-unit = 단위 "{ $got }"은(는) 이 항목의 단위("{ $expected }")가 아닙니다: 포장 단위나 항목 종류는 TOML 가격표에서 바꾸세요
prices-unknown-section = "{ $got }"은(는) 구분이 아닙니다: { $allowed } 중 하나를 쓰세요
prices-cannot-add = 기준 가격표에 없는 항목입니다. 스프레드시트에서는 검사와 일회성 수수료만 추가할 수 있습니다: 다른 항목은 TOML 가격표에 추가하세요
prices-duplicate = 이 구분과 코드는 { $first }행에도 있습니다
prices-control-character = 이름에 보이지 않는 제어 문자가 있습니다: 다시 입력하세요
prices-no-name = 새 검사나 수수료에는 이름(name_ja, name_en, name_ko 중 하나)이 필요합니다
prices-row-column = { $row }행, { $column } 열: { $reason }
prices-row = { $row }행: { $reason }
prices-round-to = 반올림 단위는 통화 최소 단위의 1, 10, 100 중 하나입니다({ $got }을(를) 받음)
prices-bulk-item = { $item }: { $reason }
prices-csv-broken = 스프레드시트의 { $row }행을 읽을 수 없습니다: { $detail }. 스프레드시트에서 CSV(UTF-8)로 다시 저장하세요
prices-csv-header = 첫 행은 머리글 "{ $expected }"이어야 합니다("{ $got }"이었습니다): dose-planner prices export --csv로 내보낸 파일에서 시작하세요
prices-csv-invalid = { $count }개 행이 거부되었습니다. 아무것도 반영하지 않았습니다:
prices-written = 저장했습니다: { $path }
prices-dry-run = 아무것도 저장하지 않았습니다(--dry-run 또는 --out 없음)
prices-row-label = { $row }행:
prices-line-changed = { $item }: { $old } → { $new }
prices-line-added = 추가: { $item } { $price }
prices-line-missing = 파일에 없음(그대로 유지): { $item }
prices-line-removed = 삭제: { $item }
prices-no-difference = 차이가 없습니다
prices-summary = 변경 { $changed }, 추가 { $added }, 파일에 없음 { $missing }(유지), 변경 없음 { $unchanged }, 거부 { $invalid }
prices-bulk-summary = 가격 { $changed }개가 바뀝니다
