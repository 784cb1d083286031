# 창 주변: 가격표 폴더와 정보 창.
shell-folder-working = 작업 폴더
shell-folder-mine = 내 가격표
shell-folder-examples = 예시
shell-sheet-unreadable = (읽을 수 없는 가격표)
shell-keep-copy = 내 가격표에 사본 보관
shell-keep-copy-hint = 이 가격표를 { $folder }에 복사하고 앞으로 사본을 사용합니다. 어느 작업 폴더에서 시작해도 목록에 나타납니다.
shell-copy-done = 가격표를 내 가격표에 보관했습니다: { $path }
shell-copy-exists = 같은 파일 이름의 가격표가 이미 내 가격표에 있습니다: { $path }. 둘 중 하나의 이름을 바꾼 뒤 다시 시도하세요.
shell-copy-no-folder = 이 컴퓨터에서는 내 가격표 폴더를 알 수 없습니다(홈 폴더가 없습니다).
shell-about = 정보
shell-about-title = Dose & Cost Planner 정보
shell-about-version = 버전 { $version }
shell-about-licences = 라이선스
shell-about-licence-texts = 전문은 패키지로 설치한 경우 /usr/share/doc/dose-planner/에, 소스에서는 LICENSE와 assets/fonts/에 있습니다.
shell-about-data = 데이터 저장 위치
shell-about-recovery = 복구용 사본
shell-about-register = 대장
shell-about-sheets = 내 가격표
shell-about-none = (없음)
shell-about-close = 닫기

# 창 열기: 렌더러(glow, wgpu)와, 둘 다 시작하지 못할 때의 안내.
shell-start-title = Dose & Cost Planner 창을 열 수 없습니다
shell-renderer-cannot-start = { $renderer } 렌더러를 이 컴퓨터에서 시작할 수 없습니다({ $error }). { $next } 렌더러를 시도합니다.
shell-renderer-none = 이 컴퓨터에서는 창을 그릴 수 없습니다. OpenGL 2.0 이상(glow 렌더러) 또는 Vulkan·DirectX 12·Metal·OpenGL ES 3.0(wgpu 렌더러)이 필요하지만 둘 다 시작하지 못했습니다:
shell-renderer-error = • { $renderer }: { $error }
shell-renderer-none-help = 그래픽 드라이버를 업데이트하세요. 원격 데스크톱이나 가상 머신에서는 그래픽 카드 또는 3D 가속을 켜 주세요. 견적은 명령줄에서도 만들 수 있습니다: dose-planner quote --help
shell-renderer-forced-failed = --renderer 또는 DOSE_PLANNER_RENDERER로 지정한 { $renderer } 렌더러를 시작할 수 없습니다({ $error }). 지정 없이 시작하면 앱이 작동하는 렌더러를 고릅니다.
shell-renderer-failed = { $renderer } 렌더러 오류로 창이 닫혔습니다: { $error }
shell-window-no-display = 창을 열 화면을 찾을 수 없습니다({ $error }). 데스크톱에 로그인한 상태에서 시작하세요. 견적은 화면 없이도 명령줄에서 만들 수 있습니다: dose-planner quote --help
shell-renderer-unknown = DOSE_PLANNER_RENDERER에는 glow 또는 wgpu를 지정하세요("{ $value }"은(는) 쓸 수 없습니다). 지우면 앱이 알맞은 렌더러를 고릅니다.
